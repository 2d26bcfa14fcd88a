import { describe, expect, it } from 'vitest';
import { module as iter } from '../../../src/lang/funcs/iter/index.js';
import { CatchableError, FatalError } from '../../../src/lang/funcs/registry.js';
import { FuncValue, formatValue } from '../../../src/lang/types/value.js';
import type { Value } from '../../../src/lang/types/value.js';
import { call, fn } from './harness.js';

const lambda = (f: (...xs: Value[]) => Value) => new FuncValue('lambda', (args) => f(...args));
const add = lambda((x, y) => (x as bigint) + (y as bigint));
const range = (...args: bigint[]) => formatValue(call(fn(iter, 'range'), args, `func(${args.map(() => 'int').join(', ')}) []int`));

describe('iter', () => {
  it('map applies the function in order', () => {
    const out = call(fn(iter, 'map'), [[1n, 2n, 3n], lambda((x) => `n${x}`)], 'func(a []int, f func(int) str) []str');
    expect(out).toEqual(['n1', 'n2', 'n3']);
  });

  it('map lets a catchable error from the callback through', () => {
    const boom = lambda(() => {
      throw new CatchableError('list index not present');
    });
    expect(() => call(fn(iter, 'map'), [[1n], boom], 'func(a []int, f func(int) int) []int')).toThrow(CatchableError);
  });

  it('filter keeps the accepted elements', () => {
    const even = lambda((x) => (x as bigint) % 2n === 0n);
    expect(call(fn(iter, 'filter'), [[8n, -1n, 0n, 2n, 4n, 5n, 13n], even], 'func(a []int, f func(int) bool) []int')).toEqual([8n, 0n, 2n, 4n]);
  });

  it('reduce folds from the left, with and without an initial value', () => {
    const reduce = fn(iter, 'reduce');
    const two = 'func(a []int, f func(int, int) int) int';
    const three = 'func(i int, a []int, f func(int, int) int) int';
    expect(call(reduce, [[1n, 2n, 3n], add], two)).toBe(6n);
    expect(call(reduce, [[7n], add], two)).toBe(7n);
    expect(call(reduce, [42n, [], add], three)).toBe(42n);
    expect(call(reduce, [5n, [10n], add], three)).toBe(15n);
    const cat = lambda((x, y) => `(${x}${y})`);
    expect(call(reduce, [['a', 'b', 'c'], cat], 'func(a []str, f func(str, str) str) str')).toBe('((ab)c)');
    expect(() => call(reduce, [[], add], two)).toThrow(new FatalError('cannot reduce an empty list without an initial value'));
  });

  it('zip pairs up to the shorter list', () => {
    const pair = lambda((x, y) => `${x}${y}`);
    expect(call(fn(iter, 'zip'), [[1n, 2n, 3n], ['a', 'b'], pair], 'func(a []int, b []str, f func(int, str) str) []str')).toEqual(['1a', '2b']);
  });

  it('flatten concatenates inner lists', () => {
    expect(call(fn(iter, 'flatten'), [[[1n, 2n], [3n, 4n, 5n], [], [6n]]], 'func(a [][]int) []int')).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
  });

  it('range follows Python', () => {
    expect(range(10n)).toBe('[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]');
    expect(range(1n, 11n)).toBe('[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]');
    expect(range(0n, 30n, 5n)).toBe('[0, 5, 10, 15, 20, 25]');
    expect(range(0n, 10n, 3n)).toBe('[0, 3, 6, 9]');
    expect(range(0n, -10n, -1n)).toBe('[0, -1, -2, -3, -4, -5, -6, -7, -8, -9]');
    expect(range(0n)).toBe('[]');
    expect(range(1n, 0n)).toBe('[]');
    expect(range(10n, 0n, -3n)).toBe('[10, 7, 4, 1]');
    expect(range(0n, 5n, -1n)).toBe('[]');
    expect(() => range(0n, 5n, 0n)).toThrow('step value cannot be 0');
  });
});
