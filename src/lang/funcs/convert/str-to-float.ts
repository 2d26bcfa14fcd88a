// convert.str_to_float: strconv.ParseFloat; a bad string is catchable.

import type { FuncDef } from '../registry.js';
import { catching } from './catching.js';
import { parseFloat64 } from './strconv.js';

export const strToFloat: FuncDef = {
  name: 'str_to_float',
  sig: 'func(a str) float',
  fn: ([a]) => catching(() => parseFloat64(a as string)),
  doc: 'Parses a float; a bad string is a catchable error.',
};
