// The `net/http` module (import alias `http`).

import type { ModuleDef } from '../../registry.js';
import { response } from './response.js';

export const module: ModuleDef = {
  path: 'net/http',
  funcs: [response],
};
