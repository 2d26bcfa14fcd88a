// test.one_stream: "x" repeated count times; a fatal error when a second input
// arrives, to check that a constant argument is sent only once. The record is
// kept per call site, keyed by the call's solved type object (one per
// function-graph node), as core/history does.

import { FatalError } from '../registry.js';
import type { FuncDef, StreamContext } from '../registry.js';
import type { Value } from '../../types/value.js';

const seen = new WeakSet<object>();

function run([count]: Value[], ctx: StreamContext): void {
  if (seen.has(ctx.type)) {
    ctx.fail(new FatalError('one_stream received more than one input'));
    return;
  }
  seen.add(ctx.type);
  const n = Number(count as bigint);
  ctx.emit('x'.repeat(Math.max(0, n)));
}

export const oneStream: FuncDef = {
  name: 'one_stream',
  sig: 'func(count int) str',
  stream: run,
  doc: 'Emits "x" repeated count times; a fatal error if its input changes (for tests).',
};
