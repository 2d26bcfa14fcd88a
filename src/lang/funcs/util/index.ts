// The `util` module.

import type { ModuleDef } from '../registry.js';
import { hostnameMapper } from './hostname-mapper.js';

export const module: ModuleDef = {
  path: 'util',
  funcs: [hostnameMapper],
};
