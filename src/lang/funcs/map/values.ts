// map.values: the values, ordered by their keys (so results are stable).

import type { FuncDef } from '../registry.js';
import type { MapValue } from '../../types/value.js';

export const values: FuncDef = {
  name: 'values',
  sig: 'func(x map{?k: ?v}) []?v',
  fn: ([m]) => (m as MapValue).sorted().map((e) => e.value),
  doc: 'The values of a map, as a list.',
};
