// math results that are not ordinary numbers are catchable errors (upstream's texts).

import { CatchableError } from '../registry.js';

export function finite(z: number): number {
  if (Number.isNaN(z)) throw new CatchableError('result is not a number');
  if (z === Infinity) throw new CatchableError('unexpected positive infinity');
  if (z === -Infinity) throw new CatchableError('unexpected negative infinity');
  return z;
}
