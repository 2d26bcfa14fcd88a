// iter.filter: keep the elements the predicate accepts.

import type { FuncDef } from '../registry.js';
import type { FuncValue, Value } from '../../types/value.js';

export const filter: FuncDef = {
  name: 'filter',
  sig: 'func(inputs []?a, function func(?a) bool) []?a',
  fn: ([inputs, f]) => (inputs as Value[]).filter((x) => (f as FuncValue).call([x]) === true),
  doc: 'The elements of inputs for which function returns true, in order.',
};
