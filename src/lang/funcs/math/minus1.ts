// math.minus1: subtract one.

import type { FuncDef } from '../registry.js';
import { wrapInt } from '../../types/value.js';

export const minus1: FuncDef = {
  name: 'minus1',
  sig: 'func(x int) int',
  fn: ([x]) => wrapInt((x as bigint) - 1n),
  doc: 'The int minus one.',
};
