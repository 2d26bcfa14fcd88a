// math.sqrt: square root; a negative input is catchable.

import type { FuncDef } from '../registry.js';
import { finite } from './finite.js';

export const sqrt: FuncDef = {
  name: 'sqrt',
  sig: 'func(x float) float',
  fn: ([x]) => finite(Math.sqrt(x as number)),
  doc: 'The square root of x; a negative input is a catchable error.',
};
