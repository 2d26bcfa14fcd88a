// The `local` module: state kept on this machine only.

import type { ModuleDef } from '../registry.js';
import { pool } from './pool.js';
import { vardir } from './vardir.js';

export const module: ModuleDef = {
  path: 'local',
  funcs: [pool, vardir],
};
