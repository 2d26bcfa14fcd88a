// panic: stops the program with a fatal error when given true or a non-empty string.

import { FatalError } from '../registry.js';
import type { FuncDef } from '../registry.js';

export const panic: FuncDef = {
  name: 'panic',
  sig: ['func(x bool) bool', 'func(x str) bool'],
  fn: ([x]) => {
    if (x === true) throw new FatalError('bool panic occurred');
    if (typeof x === 'string' && x !== '') throw new FatalError(`str panic occurred: ${x}`);
    return false;
  },
  doc: 'Fails the program when x is true or a non-empty string; otherwise returns false.',
};
