// The `iter` module.

import type { ModuleDef } from '../registry.js';
import { filter } from './filter.js';
import { flatten } from './flatten.js';
import { map } from './map.js';
import { range } from './range.js';
import { reduce } from './reduce.js';
import { zip } from './zip.js';

export const module: ModuleDef = { path: 'iter', funcs: [map, filter, reduce, zip, flatten, range] };
