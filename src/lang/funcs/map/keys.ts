// map.keys: the keys, in the sorted order maps print in (so results are stable).

import type { FuncDef } from '../registry.js';
import type { MapValue } from '../../types/value.js';

export const keys: FuncDef = {
  name: 'keys',
  sig: 'func(x map{?k: ?v}) []?k',
  fn: ([m]) => (m as MapValue).sorted().map((e) => e.key),
  doc: 'The keys of a map, as a list.',
};
