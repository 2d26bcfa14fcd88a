// The `example/nested` module (import alias `nested`).

import type { ModuleDef } from '../../registry.js';
import { hello } from './hello.js';

export const module: ModuleDef = {
  path: 'example/nested',
  funcs: [hello],
};
