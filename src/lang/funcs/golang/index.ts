// The `golang` module: Go's text/template as golang.template.

import type { ModuleDef } from '../registry.js';
import { template } from './template.js';

export const module: ModuleDef = { path: 'golang', funcs: [template] };
