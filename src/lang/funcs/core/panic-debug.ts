// panic_debug: panic(bool) with a message attached.

import { FatalError } from '../registry.js';
import type { FuncDef } from '../registry.js';

export const panicDebug: FuncDef = {
  name: 'panic_debug',
  sig: 'func(x bool, err str) bool',
  fn: ([x, err]) => {
    if (x === true) throw new FatalError(`bool panic occurred: ${err as string}`);
    return false;
  },
  doc: 'Fails the program with the err message when x is true; otherwise returns false.',
};
