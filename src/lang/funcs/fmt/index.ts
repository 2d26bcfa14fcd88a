// The `fmt` module.

import type { ModuleDef } from '../registry.js';
import { printf } from './printf.js';

export const module: ModuleDef = { path: 'fmt', funcs: [printf] };
