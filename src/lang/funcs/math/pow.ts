// math.pow: Go's math.Pow; a NaN or infinite result is catchable.

import type { FuncDef } from '../registry.js';
import { finite } from './finite.js';

/** Math.pow, but with Go's answers where IEEE pow and JS disagree. */
export function goPow(x: number, y: number): number {
  if (x === 1 || y === 0) return 1; // Go: Pow(1, NaN) = 1, Pow(NaN, 0) = 1
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1; // Go: Pow(-1, ±Inf) = 1
  return Math.pow(x, y);
}

export const pow: FuncDef = {
  name: 'pow',
  sig: 'func(x float, y float) float',
  fn: ([x, y]) => finite(goPow(x as number, y as number)),
  doc: 'x to the power y; a result that is not a finite number is a catchable error.',
};
