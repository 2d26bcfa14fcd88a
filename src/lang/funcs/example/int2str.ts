// example.int2str and example.str2int: the simplest conversions. str2int
// gives 0 for text that is not a number, as upstream's example does.

import type { FuncDef } from '../registry.js';

export const int2str: FuncDef = {
  name: 'int2str',
  sig: 'func(a int) str',
  fn: ([a]) => (a as bigint).toString(),
  doc: 'The decimal form of an int.',
};

export const str2int: FuncDef = {
  name: 'str2int',
  sig: 'func(a str) int',
  fn: ([a]) => {
    const s = a as string;
    if (!/^[+-]?\d+$/.test(s)) return 0n;
    const n = BigInt(s);
    // Out of int64 range is a parse error too, hence 0.
    return BigInt.asIntN(64, n) === n ? n : 0n;
  },
  doc: 'The int a decimal string holds, or 0 if it holds none.',
};
