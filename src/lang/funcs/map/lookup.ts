// map.lookup: value at a key; a miss is catchable. `$m[k]` and the top-level
// map_lookup use mapLookup so the messages stay the same.

import { CatchableError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import { formatValue } from '../../types/value.js';
import type { MapValue, Value } from '../../types/value.js';

/** The value at `key`, or a catchable error naming the map. */
export function mapLookup(map: MapValue, key: Value): Value {
  const v = map.get(key);
  if (v === undefined) throw new CatchableError(`map key not present, want: ${formatValue(key)} in ${formatValue(map)}`);
  return v;
}

export const lookup: FuncDef = {
  name: 'lookup',
  sig: 'func(m map{?k: ?v}, key ?k) ?v',
  fn: ([m, k]) => mapLookup(m as MapValue, k),
  doc: 'The value of map at key; a missing key is a catchable error.',
};
