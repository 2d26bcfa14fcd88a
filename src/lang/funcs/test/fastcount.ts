// test.fastcount: 0, 1, 2, … as fast as the event loop allows, for stress tests.

import type { FuncDef, StreamContext } from '../registry.js';

function run(_args: unknown[], ctx: StreamContext): void {
  let i = 0n;
  const next = (): void => {
    if (ctx.signal.aborted) return;
    ctx.emit(i++);
    // setImmediate lets I/O and other streams run between two values.
    setImmediate(next);
  };
  next();
}

export const fastcount: FuncDef = {
  name: 'fastcount',
  sig: 'func() int',
  stream: run,
  doc: 'Counts 0, 1, 2, ... as fast as it can (for tests).',
};
