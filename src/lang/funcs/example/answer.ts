// example.answer: the answer.

import type { FuncDef } from '../registry.js';

export const answer: FuncDef = {
  name: 'answer',
  sig: 'func() int',
  fn: () => 42n,
  doc: 'Returns 42.',
};
