// convert.int_to_str: decimal form of an int.

import type { FuncDef } from '../registry.js';

export const intToStr: FuncDef = {
  name: 'int_to_str',
  sig: 'func(a int) str',
  fn: ([a]) => (a as bigint).toString(),
  doc: 'The int in decimal.',
};
