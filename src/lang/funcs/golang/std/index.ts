// The golang/* modules: Go standard-library wrappers, one table per package.

import type { ModuleDef } from '../../registry.js';
import { module as html } from './html.js';
import { module as math } from './math.js';
import { module as mathRand } from './math-rand.js';
import { module as os } from './os.js';
import { module as osExec } from './os-exec.js';
import { module as path } from './path.js';
import { module as pathFilepath } from './path-filepath.js';
import { module as runtime } from './runtime.js';
import { module as strconv } from './strconv.js';
import { module as strings } from './strings.js';

export const modules: ModuleDef[] = [html, math, mathRand, os, osExec, path, pathFilepath, runtime, strconv, strings];
