// math.fortytwo: 42 as whichever of int or float inference asks for.

import type { FuncDef } from '../registry.js';

export const fortytwo: FuncDef = {
  name: 'fortytwo',
  sig: ['func() int', 'func() float'],
  fn: (_args, ctx) => (ctx.type.ret.k === 'float' ? 42 : 42n),
  doc: 'The number 42, as an int or a float depending on how it is used.',
};
