// iter.map: apply a function to each element, keeping order.

import type { FuncDef } from '../registry.js';
import type { FuncValue, Value } from '../../types/value.js';

export const map: FuncDef = {
  name: 'map',
  sig: 'func(inputs []?a, function func(?a) ?b) []?b',
  fn: ([inputs, f]) => (inputs as Value[]).map((x) => (f as FuncValue).call([x])),
  doc: 'The list of function applied to each element of inputs, in order.',
};
