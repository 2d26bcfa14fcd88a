// test.forloop and test.forkvloop: collections that change, to drive for and
// forkv loops through a graph change.

import type { FuncDef, StreamContext } from '../registry.js';
import { MapValue } from '../../types/value.js';

/** How long the first value stands before the second. */
export const FORLOOP_DELAY_MS = 100;

function forloopRun(_args: unknown[], ctx: StreamContext): void {
  ctx.emit(['foo']);
  const timer = setTimeout(() => {
    if (!ctx.signal.aborted) ctx.emit(['bar']);
  }, FORLOOP_DELAY_MS);
  ctx.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}

export const forloop: FuncDef = {
  name: 'forloop',
  sig: 'func() []str',
  stream: forloopRun,
  doc: 'Emits ["foo"], then ["bar"] shortly after (for tests).',
};

export const forkvloop: FuncDef = {
  name: 'forkvloop',
  sig: 'func() map{str: str}',
  stream: (_args, ctx) => ctx.emit(MapValue.from([['foo', 'bar']])),
  doc: 'Emits {"foo": "bar"} (for tests).',
};
