// deploy.readfile: a file of the deploy, relative to the calling module.

import type { FuncDef } from '../registry.js';
import { deployAbs } from './paths.js';
import { readDeployFile } from './read.js';

export const readfile: FuncDef = {
  name: 'readfile',
  sig: 'func(filename str) str',
  fn: ([filename], ctx) => readDeployFile(deployAbs(filename as string, ctx.base), ctx),
  doc: 'The contents of a file in the deploy, the path taken from the calling module\'s directory.',
};
