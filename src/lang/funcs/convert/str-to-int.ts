// convert.str_to_int: base 10 strconv.ParseInt; a bad string is catchable.

import type { FuncDef } from '../registry.js';
import { catching } from './catching.js';
import { parseInt64 } from './strconv.js';

export const strToInt: FuncDef = {
  name: 'str_to_int',
  sig: 'func(a str) int',
  fn: ([a]) => catching(() => parseInt64(a as string)),
  doc: 'Parses a base 10 integer; a bad string is a catchable error.',
};
