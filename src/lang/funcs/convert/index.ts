// The `convert` module.

import type { ModuleDef } from '../registry.js';
import { formatBool } from './format-bool.js';
import { intToStr } from './int-to-str.js';
import { parseBoolFn } from './parse-bool.js';
import { strToFloat } from './str-to-float.js';
import { strToInt } from './str-to-int.js';
import { toFloat } from './to-float.js';
import { toInt } from './to-int.js';

export const module: ModuleDef = {
  path: 'convert',
  funcs: [formatBool, parseBoolFn, strToInt, strToFloat, intToStr, toFloat, toInt],
};
