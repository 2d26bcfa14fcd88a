// math.mod: Go's math.Mod (the remainder has the sign of x), for ints and floats.

import { CatchableError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import { finite } from './finite.js';

export const mod: FuncDef = {
  name: 'mod',
  sig: ['func(x int, y int) int', 'func(x float, y float) float'],
  fn: ([x, y]) => {
    if (typeof x === 'bigint') {
      // upstream goes through float64, where mod by zero is NaN.
      if (y === 0n) throw new CatchableError('result is not a number');
      return x % (y as bigint);
    }
    // JS % on numbers is fmod, the same as Go's math.Mod (NaN for y = 0 or x infinite).
    return finite((x as number) % (y as number));
  },
  doc: 'The remainder of x / y, with the sign of x; a zero divisor is a catchable error.',
};
