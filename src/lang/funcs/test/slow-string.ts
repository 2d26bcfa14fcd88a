// test.slow_string: a value that takes five seconds to arrive, to show that
// the right side of `<|>` only runs when the left side fails.

import type { FuncDef, StreamContext } from '../registry.js';

export const SLOW_MS = 5000;

function run(_args: unknown[], ctx: StreamContext): void {
  const timer = setTimeout(() => {
    if (!ctx.signal.aborted) ctx.emit('five seconds has elapsed');
  }, SLOW_MS);
  ctx.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}

export const slowString: FuncDef = {
  name: 'slow_string',
  sig: 'func() str',
  stream: run,
  doc: 'Emits "five seconds has elapsed" after five seconds (for tests).',
};
