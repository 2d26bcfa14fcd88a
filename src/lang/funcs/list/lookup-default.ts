// list.lookup_default: element at an index, or the default when absent.

import type { FuncDef } from '../registry.js';
import type { Value } from '../../types/value.js';

export const lookupDefault: FuncDef = {
  name: 'lookup_default',
  sig: 'func(list []?t, index int, default ?t) ?t',
  fn: ([l, i, d]) => {
    const list = l as Value[];
    const index = i as bigint;
    return index >= 0n && index < BigInt(list.length) ? list[Number(index)] : d;
  },
  doc: 'The element of list at index, or default when the index is negative or not present.',
};
