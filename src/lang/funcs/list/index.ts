// The `list` module.

import type { ModuleDef } from '../registry.js';
import { concat } from './concat.js';
import { lookup } from './lookup.js';
import { lookupDefault } from './lookup-default.js';

export const module: ModuleDef = { path: 'list', funcs: [concat, lookup, lookupDefault] };
