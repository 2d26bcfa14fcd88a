// iter.flatten: concatenate a list of lists.

import type { FuncDef } from '../registry.js';
import type { Value } from '../../types/value.js';

export const flatten: FuncDef = {
  name: 'flatten',
  sig: 'func(inputs [][]?a) []?a',
  fn: ([inputs]) => (inputs as Value[][]).flat(1),
  doc: 'The concatenation of the inner lists, in order.',
};
