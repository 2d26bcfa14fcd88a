// strings.substr: the bytes [low, high) of s, like Go's s[low:high].

import { CatchableError } from '../registry.js';
import type { FuncDef } from '../registry.js';

export const substr: FuncDef = {
  name: 'substr',
  sig: 'func(s str, low int, high int) str',
  fn: ([s, lo, hi]) => {
    const bytes = Buffer.from(s as string, 'utf8');
    const low = lo as bigint;
    const high = hi as bigint;
    if (low < 0n || low > BigInt(bytes.length)) throw new CatchableError(`low index out of range, got: ${low}`);
    if (high < low || high > BigInt(bytes.length)) throw new CatchableError(`high index out of range, got: ${high}`);
    return bytes.subarray(Number(low), Number(high)).toString('utf8');
  },
  doc: 'The bytes of s from low up to but excluding high; out of range indexes are a catchable error.',
};
