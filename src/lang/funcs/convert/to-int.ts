// convert.to_int: float to int, truncating toward zero.

import type { FuncDef } from '../registry.js';
import { floatToInt64 } from './strconv.js';

export const toInt: FuncDef = {
  name: 'to_int',
  sig: 'func(a float) int',
  fn: ([a]) => floatToInt64(a as number),
  doc: 'The float truncated toward zero.',
};
