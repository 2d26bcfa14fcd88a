// net.macs: the MAC addresses of this machine's interfaces.

import type { FuncDef, StreamContext } from '../registry.js';
import { dedupe, every } from '../os/watch.js';
import { localMacs, POLL_MS } from './interfaces.js';

function run(_args: unknown[], ctx: StreamContext): void {
  const emit = dedupe<string[]>((v) => ctx.emit(v), (v) => v.join(','));
  every(POLL_MS, ctx.signal, () => emit(localMacs()));
}

export const macs: FuncDef = {
  name: 'macs',
  sig: 'func() []str',
  stream: run,
  doc: 'The MAC addresses of the local non-loopback interfaces, sorted (re-read every 5 seconds).',
};
