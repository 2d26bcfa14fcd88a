// The `math` module.

import type { ModuleDef } from '../registry.js';
import { fortytwo } from './fortytwo.js';
import { minus1 } from './minus1.js';
import { mod } from './mod.js';
import { pow } from './pow.js';
import { sqrt } from './sqrt.js';

export const module: ModuleDef = { path: 'math', funcs: [fortytwo, minus1, mod, pow, sqrt] };
