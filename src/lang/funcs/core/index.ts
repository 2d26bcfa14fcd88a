// The top-level builtins (module path ''), callable without an import.
// The internal operators (_operator, _lookup, _struct_lookup) live elsewhere.

import type { ModuleDef } from '../registry.js';
import { concat } from './concat.js';
import { contains } from './contains.js';
import { history } from './history.js';
import { len } from './len.js';
import { listLookup } from './list-lookup.js';
import { mapLookup } from './map-lookup.js';
import { panic } from './panic.js';
import { panicDebug } from './panic-debug.js';
import { random1 } from './random1.js';

export const module: ModuleDef = {
  path: '',
  funcs: [len, contains, concat, panic, panicDebug, listLookup, mapLookup, history, random1],
};
