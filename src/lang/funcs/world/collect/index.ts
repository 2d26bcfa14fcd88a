// The `world/collect` module (import alias `collect`).

import type { ModuleDef } from '../../registry.js';
import { res } from './res.js';

export const module: ModuleDef = {
  path: 'world/collect',
  funcs: [res],
};
