// The `map` module.

import type { ModuleDef } from '../registry.js';
import { keys } from './keys.js';
import { lookup } from './lookup.js';
import { lookupDefault } from './lookup-default.js';
import { values } from './values.js';

export const module: ModuleDef = { path: 'map', funcs: [keys, values, lookup, lookupDefault] };
