// iter.zip: combine two lists pairwise, up to the shorter one's length.

import type { FuncDef } from '../registry.js';
import type { FuncValue, Value } from '../../types/value.js';

export const zip: FuncDef = {
  name: 'zip',
  sig: 'func(inputs1 []?a, inputs2 []?b, function func(?a, ?b) ?c) []?c',
  fn: ([a, b, f]) => {
    const xs = a as Value[];
    const ys = b as Value[];
    const out: Value[] = [];
    for (let i = 0; i < Math.min(xs.length, ys.length); i++) out.push((f as FuncValue).call([xs[i], ys[i]]));
    return out;
  },
  doc: 'The list of function applied to the pairs of elements of inputs1 and inputs2 (truncated to the shorter).',
};
