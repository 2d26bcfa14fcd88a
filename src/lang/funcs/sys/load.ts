// sys.load: the 1, 5 and 15 minute load averages, every 5 seconds.

import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { FuncDef, StreamContext } from '../registry.js';
import { StructValue } from '../../types/value.js';
import { every } from '../os/watch.js';

const INTERVAL_MS = 5000;

export function readLoad(): [number, number, number] {
  try {
    const f = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
    return [f[0], f[1], f[2]];
  } catch {
    const [a, b, c] = loadavg();
    return [a, b, c];
  }
}

function run(_args: unknown[], ctx: StreamContext): void {
  every(INTERVAL_MS, ctx.signal, () => {
    const [x1, x5, x15] = readLoad();
    ctx.emit(new StructValue([['x1', x1], ['x5', x5], ['x15', x15]]));
  });
}

export const load: FuncDef = {
  name: 'load',
  sig: 'func() struct{x1 float; x5 float; x15 float}',
  stream: run,
  doc: 'The system load averages over 1, 5 and 15 minutes, every 5 seconds.',
};
