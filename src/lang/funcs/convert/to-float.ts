// convert.to_float: int to float.

import type { FuncDef } from '../registry.js';

export const toFloat: FuncDef = {
  name: 'to_float',
  sig: 'func(a int) float',
  fn: ([a]) => Number(a as bigint),
  doc: 'The int as a float.',
};
