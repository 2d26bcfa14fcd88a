// iter.range: Python's range() as a []int.

import { FatalError } from '../registry.js';
import type { FuncDef } from '../registry.js';

// A guard against a typo building a list that eats the process.
const MAX_LEN = 10_000_000n;

export function intRange(start: bigint, stop: bigint, step: bigint): bigint[] {
  if (step === 0n) throw new FatalError('step value cannot be 0');
  const count = step > 0n ? (stop - start + step - 1n) / step : (start - stop - step - 1n) / -step;
  if (count <= 0n) return [];
  if (count > MAX_LEN) throw new FatalError(`range too large: ${count} elements`);
  const out: bigint[] = [];
  for (let i = 0n; i < count; i++) out.push(start + i * step);
  return out;
}

export const range: FuncDef = {
  name: 'range',
  sig: ['func(stop int) []int', 'func(start int, stop int) []int', 'func(start int, stop int, step int) []int'],
  fn: (args) => {
    const [a, b, c] = args as bigint[];
    if (args.length === 1) return intRange(0n, a, 1n);
    if (args.length === 2) return intRange(a, b, 1n);
    return intRange(a, b, c);
  },
  doc: 'The integers from start (default 0) up to but excluding stop, by step (default 1), like Python.',
};
