// The `value` module: reading `value` resources from code.

import type { ModuleDef } from '../registry.js';
import { get } from './get.js';
import { getBool } from './get-bool.js';
import { getFloat } from './get-float.js';
import { getInt } from './get-int.js';
import { getStr } from './get-str.js';

export const module: ModuleDef = {
  path: 'value',
  funcs: [get, getBool, getFloat, getInt, getStr],
};
