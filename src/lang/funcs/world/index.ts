// The `world` module: the cluster-wide store.

import type { ModuleDef } from '../registry.js';
import { getval } from './getval.js';
import { kvlookup } from './kvlookup.js';
import { schedule } from './schedule.js';

export const module: ModuleDef = {
  path: 'world',
  funcs: [getval, kvlookup, schedule],
};
