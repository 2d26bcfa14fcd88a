// net.wired_interface: the name of this machine's first wired interface.

import type { FuncDef, StreamContext } from '../registry.js';
import { dedupe, every } from '../os/watch.js';
import { POLL_MS, wiredInterface as firstWired } from './interfaces.js';

function run(_args: unknown[], ctx: StreamContext): void {
  const emit = dedupe<string>((v) => ctx.emit(v), (v) => v);
  every(POLL_MS, ctx.signal, () => emit(firstWired()));
}

export const wiredInterface: FuncDef = {
  name: 'wired_interface',
  sig: 'func() str',
  stream: run,
  doc: 'The name of the first wired (physical, non-wireless) interface, "" if none (re-read every 5 seconds).',
};
