// map_lookup: the top-level spelling of map.lookup.

import type { FuncDef } from '../registry.js';
import { lookup } from '../map/lookup.js';

export const mapLookup: FuncDef = { ...lookup, name: 'map_lookup' };
