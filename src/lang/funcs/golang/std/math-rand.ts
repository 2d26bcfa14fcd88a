// golang/math/rand: Go's math/rand top-level functions (table of wrappers,
// see table.ts). Not seedable: Node's generator stands in for Go's.

import type { Value } from '../../../types/value.js';
import { goModule, goPanic } from './table.js';
import type { GoFunc } from './table.js';

/** A uniform random integer in [0, 2^63). */
function int63(): bigint {
  const hi = BigInt(Math.floor(Math.random() * 2 ** 31));
  const lo = BigInt(Math.floor(Math.random() * 2 ** 32));
  return (hi << 32n) | lo;
}

/** A uniform random integer in [0, n), without modulo bias. */
function int63n(n: bigint, name: string): bigint {
  if (n <= 0n) goPanic(`invalid argument to ${name}`);
  const max = (1n << 63n) - ((1n << 63n) % n);
  for (;;) {
    const v = int63();
    if (v < max) return v % n;
  }
}

/** Standard normal, by Box–Muller. */
function normFloat64(): number {
  const u = 1 - Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * Math.random());
}

export const funcs: GoFunc[] = [
  { go: 'ExpFloat64', sig: 'func() float', fn: () => -Math.log(1 - Math.random()) },
  { go: 'Float64', sig: 'func() float', fn: () => Math.random() },
  { go: 'Int', sig: 'func() int', fn: () => int63() },
  { go: 'Int63', sig: 'func() int', fn: () => int63() },
  { go: 'Int63n', sig: 'func(n int) int', fn: ([n]) => int63n(n as bigint, 'Int63n') },
  { go: 'Intn', sig: 'func(n int) int', fn: ([n]: Value[]) => int63n(n as bigint, 'Intn') },
  { go: 'NormFloat64', sig: 'func() float', fn: () => normFloat64() },
];

export const module = goModule('math/rand', funcs);
