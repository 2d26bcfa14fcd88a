// convert.parse_bool: strconv.ParseBool; a bad string is catchable.

import type { FuncDef } from '../registry.js';
import { catching } from './catching.js';
import { parseBool } from './strconv.js';

export const parseBoolFn: FuncDef = {
  name: 'parse_bool',
  sig: 'func(a str) bool',
  fn: ([a]) => catching(() => parseBool(a as string)),
  doc: 'Parses 1 t T TRUE true True 0 f F FALSE false False; anything else is a catchable error.',
};
