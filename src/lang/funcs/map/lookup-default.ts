// map.lookup_default: value at a key, or the default when absent.

import type { FuncDef } from '../registry.js';
import type { MapValue } from '../../types/value.js';

export const lookupDefault: FuncDef = {
  name: 'lookup_default',
  sig: 'func(m map{?k: ?v}, key ?k, default ?v) ?v',
  fn: ([m, k, d]) => (m as MapValue).get(k) ?? d,
  doc: 'The value of map at key, or default when the key is not present.',
};
