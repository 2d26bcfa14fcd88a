// os.args: the program arguments mgmt was started with.

import type { FuncDef } from '../registry.js';

export const args: FuncDef = {
  name: 'args',
  sig: 'func() []str',
  fn: (_args, ctx) => [...ctx.env.args],
  doc: 'The command-line arguments of this mgmt process.',
};
