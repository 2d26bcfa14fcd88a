// sys.uptime: seconds since boot, every second.

import { uptime as osUptime } from 'node:os';
import type { FuncDef, StreamContext } from '../registry.js';
import { every } from '../os/watch.js';

function run(_args: unknown[], ctx: StreamContext): void {
  every(1000, ctx.signal, () => ctx.emit(BigInt(Math.floor(osUptime()))));
}

export const uptime: FuncDef = {
  name: 'uptime',
  sig: 'func() int',
  stream: run,
  doc: 'The number of seconds since the machine booted, every second.',
};
