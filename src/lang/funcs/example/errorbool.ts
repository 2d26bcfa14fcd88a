// example.errorbool: shows how a function fails: true is a fatal error.

import { FatalError } from '../registry.js';
import type { FuncDef } from '../registry.js';

export const errorbool: FuncDef = {
  name: 'errorbool',
  sig: 'func(a bool) str',
  fn: ([a]) => {
    if (a === true) throw new FatalError('we errored on request');
    return 'set';
  },
  doc: 'Returns "set" for false; a fatal error for true (an example of a failing function).',
};
