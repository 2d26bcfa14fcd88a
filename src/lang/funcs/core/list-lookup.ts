// list_lookup: the top-level spelling of list.lookup.

import type { FuncDef } from '../registry.js';
import { lookup } from '../list/lookup.js';

export const listLookup: FuncDef = { ...lookup, name: 'list_lookup' };
