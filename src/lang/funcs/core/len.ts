// len: length of a string (in UTF-8 bytes, as Go counts), a list or a map.

import { FatalError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import { MapValue, valueKind } from '../../types/value.js';

export const len: FuncDef = {
  name: 'len',
  sig: ['func(a str) int', 'func(a []?t) int', 'func(a map{?k: ?v}) int'],
  fn: ([a]) => {
    if (typeof a === 'string') return BigInt(Buffer.byteLength(a, 'utf8'));
    if (Array.isArray(a)) return BigInt(a.length);
    if (a instanceof MapValue) return BigInt(a.size);
    throw new FatalError(`unsupported kind: ${valueKind(a)}`);
  },
  doc: 'The length of a str (in bytes), a list or a map.',
};
