// deploy.abspath: a path relative to the calling module made absolute in the deploy.

import type { FuncDef } from '../registry.js';
import { deployAbs } from './paths.js';

export const abspath: FuncDef = {
  name: 'abspath',
  sig: 'func(path str) str',
  fn: ([path], ctx) => deployAbs(path as string, ctx.base),
  doc: 'The absolute deploy path of a path given from the calling module\'s directory ("/files/x" in module mod1 gives "/mod1/files/x").',
};
