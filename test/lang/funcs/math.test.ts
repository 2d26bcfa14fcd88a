import { describe, expect, it } from 'vitest';
import { module as math } from '../../../src/lang/funcs/math/index.js';
import { CatchableError } from '../../../src/lang/funcs/registry.js';
import { call, fn } from './harness.js';

describe('math', () => {
  it('fortytwo follows the solved result type', () => {
    expect(call(fn(math, 'fortytwo'), [], 'func() int')).toBe(42n);
    expect(call(fn(math, 'fortytwo'), [], 'func() float')).toBe(42);
  });

  it('minus1 subtracts one', () => {
    expect(call(fn(math, 'minus1'), [0n])).toBe(-1n);
  });

  it('mod keeps the sign of x', () => {
    const mod = fn(math, 'mod');
    const int = 'func(x int, y int) int';
    expect(call(mod, [8n, 2n], int)).toBe(0n);
    expect(call(mod, [-1n, 2n], int)).toBe(-1n);
    expect(call(mod, [13n, -5n], int)).toBe(3n);
    expect(call(mod, [5.5, 2], 'func(x float, y float) float')).toBe(1.5);
    expect(call(mod, [-5.5, 2], 'func(x float, y float) float')).toBe(-1.5);
    expect(() => call(mod, [1n, 0n], int)).toThrow(new CatchableError('result is not a number'));
    expect(() => call(mod, [1, 0], 'func(x float, y float) float')).toThrow(CatchableError);
  });

  it('pow and sqrt reject non-finite results catchably', () => {
    expect(call(fn(math, 'pow'), [2, 10])).toBe(1024);
    expect(call(fn(math, 'pow'), [1, NaN])).toBe(1);
    expect(() => call(fn(math, 'pow'), [10, 400])).toThrow('unexpected positive infinity');
    expect(() => call(fn(math, 'pow'), [-8, 1 / 3])).toThrow('result is not a number');
    expect(call(fn(math, 'sqrt'), [16])).toBe(4);
    expect(() => call(fn(math, 'sqrt'), [-1])).toThrow(CatchableError);
  });
});
