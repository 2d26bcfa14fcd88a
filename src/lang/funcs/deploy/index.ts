// The `deploy` module: the files shipped with the running code.

import type { ModuleDef } from '../registry.js';
import { abspath } from './abspath.js';
import { binaryPath } from './binary-path.js';
import { bootstrapPackages } from './bootstrap-packages.js';
import { directory } from './directory.js';
import { fileExists } from './file-exists.js';
import { readfile } from './readfile.js';
import { readfileabs } from './readfileabs.js';

export const module: ModuleDef = {
  path: 'deploy',
  funcs: [abspath, binaryPath, bootstrapPackages, directory, fileExists, readfile, readfileabs],
};
