import { describe, expect, it } from 'vitest';
import { module as core } from '../../../src/lang/funcs/core/index.js';
import { CatchableError, FatalError } from '../../../src/lang/funcs/registry.js';
import { MapValue } from '../../../src/lang/types/value.js';
import { call, collect, fn } from './harness.js';

describe('core builtins', () => {
  it('len counts UTF-8 bytes, list elements and map entries', () => {
    const len = fn(core, 'len');
    expect(call(len, ['héllo'], 'func(a str) int')).toBe(6n);
    expect(call(len, [[1n, 2n, 3n]], 'func(a []int) int')).toBe(3n);
    expect(call(len, [MapValue.from([['a', 1n]])], 'func(a map{str: int}) int')).toBe(1n);
  });

  it('contains compares deeply', () => {
    const contains = fn(core, 'contains');
    expect(call(contains, [[1n, 2n], [[1n], [1n, 2n]]], 'func(a []int, b [][]int) bool')).toBe(true);
    expect(call(contains, ['x', ['a', 'b']], 'func(a str, b []str) bool')).toBe(false);
  });

  it('concat joins two strings', () => {
    expect(call(fn(core, 'concat'), ['hello ', 'world'])).toBe('hello world');
  });

  it('panic is quiet for false and "" and fatal otherwise', () => {
    const panic = fn(core, 'panic');
    expect(call(panic, [false], 'func(x bool) bool')).toBe(false);
    expect(call(panic, [''], 'func(x str) bool')).toBe(false);
    expect(() => call(panic, [true], 'func(x bool) bool')).toThrow(new FatalError('bool panic occurred'));
    expect(() => call(panic, ['please panic'], 'func(x str) bool')).toThrow('str panic occurred: please panic');
    expect(() => call(fn(core, 'panic_debug'), [true, 'oops'])).toThrow('bool panic occurred: oops');
    expect(call(fn(core, 'panic_debug'), [false, 'oops'])).toBe(false);
  });

  it('list_lookup and map_lookup raise catchable errors with upstream texts', () => {
    const ll = fn(core, 'list_lookup');
    expect(call(ll, [['a', 'b', 'c'], 1n], 'func(l []str, i int) str')).toBe('b');
    expect(() => call(ll, [['a', 'b', 'c'], -1n], 'func(l []str, i int) str')).toThrow(new CatchableError('list index negative, got: -1'));
    expect(() => call(ll, [['a', 'b', 'c'], 4n], 'func(l []str, i int) str')).toThrow(
      'list index not present, got: 4, len is: 3, in: ["a", "b", "c"]',
    );
    const ml = fn(core, 'map_lookup');
    const m = MapValue.from([[42n, 'hello1']]);
    expect(call(ml, [m, 42n], 'func(m map{int: str}, k int) str')).toBe('hello1');
    let err: unknown;
    try {
      call(ml, [m, 13n], 'func(m map{int: str}, k int) str');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CatchableError);
    expect((err as Error).message).toBe('map key not present, want: 13 in {42: "hello1"}');
  });

  it('random1 makes alphanumeric strings of the given length', () => {
    const a = call(fn(core, 'random1'), [16n]) as string;
    expect(a).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(call(fn(core, 'random1'), [0n])).toBe('');
  });

  it('history replays what the value was index ms ago', async () => {
    const history = fn(core, 'history');
    expect(await collect(history, ['now', 0n], 20, 'func(v str, i int) str')).toEqual(['now']);
    // With a delay, nothing is known until the value is old enough.
    expect(await collect(history, ['later', 50n], 10, 'func(v str, i int) str')).toEqual([]);
    expect(await collect(history, ['later', 30n], 80, 'func(v str, i int) str')).toEqual(['later']);
  });
});
