// deploy.readfileabs: a file of the deploy by its absolute deploy path.

import { FatalError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import { readDeployFile } from './read.js';

export const readfileabs: FuncDef = {
  name: 'readfileabs',
  sig: 'func(filename str) str',
  fn: ([filename], ctx) => {
    const path = filename as string;
    if (!path.startsWith('/')) throw new FatalError(`path was not absolute: ${path}`);
    return readDeployFile(path, ctx);
  },
  doc: 'The contents of a file in the deploy, by its absolute deploy path (from the deploy root).',
};
