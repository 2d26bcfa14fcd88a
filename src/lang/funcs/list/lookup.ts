// list.lookup: element at an index; a miss is catchable. `$l[i]` and the
// top-level list_lookup use listLookup so the messages stay the same.

import { CatchableError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import { formatValue } from '../../types/value.js';
import type { Value } from '../../types/value.js';

/** The element at `index`, or a catchable error naming the list. */
export function listLookup(list: Value[], index: bigint): Value {
  if (index < 0n) throw new CatchableError(`list index negative, got: ${index}`);
  if (index >= BigInt(list.length)) {
    throw new CatchableError(`list index not present, got: ${index}, len is: ${list.length}, in: ${formatValue(list)}`);
  }
  return list[Number(index)];
}

export const lookup: FuncDef = {
  name: 'lookup',
  sig: 'func(list []?t, index int) ?t',
  fn: ([l, i]) => listLookup(l as Value[], i as bigint),
  doc: 'The element of list at index (0-based); a negative or missing index is a catchable error.',
};
