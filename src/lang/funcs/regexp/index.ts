// The `regexp` module.

import type { ModuleDef } from '../registry.js';
import { match } from './match.js';

export const module: ModuleDef = { path: 'regexp', funcs: [match] };
