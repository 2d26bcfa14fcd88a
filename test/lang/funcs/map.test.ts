import { describe, expect, it } from 'vitest';
import { module as map } from '../../../src/lang/funcs/map/index.js';
import { CatchableError } from '../../../src/lang/funcs/registry.js';
import { MapValue } from '../../../src/lang/types/value.js';
import { call, fn } from './harness.js';

const m = MapValue.from([
  ['b', 2n],
  ['a', 1n],
]);

describe('map', () => {
  it('keys and values come in key order', () => {
    expect(call(fn(map, 'keys'), [m], 'func(x map{str: int}) []str')).toEqual(['a', 'b']);
    expect(call(fn(map, 'values'), [m], 'func(x map{str: int}) []int')).toEqual([1n, 2n]);
  });

  it('lookup reports misses catchably', () => {
    const t = 'func(m map{int: str}, k int) str';
    expect(() => call(fn(map, 'lookup'), [MapValue.from([[42n, 'hello1']]), 13n], t)).toThrow(
      new CatchableError('map key not present, want: 13 in {42: "hello1"}'),
    );
    expect(call(fn(map, 'lookup_default'), [m, 'zz', 9n], 'func(m map{str: int}, k str, d int) int')).toBe(9n);
  });
});
