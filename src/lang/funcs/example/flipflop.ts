// example.flipflop: false, true, false, … every five seconds.

import type { FuncDef, StreamContext } from '../registry.js';
import { every } from '../os/watch.js';

export const FLIPFLOP_MS = 5000;

function run(_args: unknown[], ctx: StreamContext): void {
  let state = true;
  every(FLIPFLOP_MS, ctx.signal, () => {
    state = !state;
    ctx.emit(state);
  });
}

export const flipflop: FuncDef = {
  name: 'flipflop',
  sig: 'func() bool',
  stream: run,
  doc: 'Alternates between false and true every five seconds, starting with false.',
};
