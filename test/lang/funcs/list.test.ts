import { describe, expect, it } from 'vitest';
import { module as list } from '../../../src/lang/funcs/list/index.js';
import { CatchableError } from '../../../src/lang/funcs/registry.js';
import { parseType } from '../../../src/lang/types/type.js';
import { call, fn } from './harness.js';

describe('list', () => {
  it('concat takes one to eight lists', () => {
    const concat = fn(list, 'concat');
    const sigs = concat.sig as string[];
    expect(sigs).toHaveLength(8);
    for (const s of sigs) expect(parseType(s).k).toBe('func');
    expect(call(concat, [['a']], 'func(a []str) []str')).toEqual(['a']);
    expect(call(concat, [['a'], [], ['b', 'c']], 'func(a []str, b []str, c []str) []str')).toEqual(['a', 'b', 'c']);
  });

  it('lookup reports misses catchably', () => {
    const lookup = fn(list, 'lookup');
    const t = 'func(l []str, i int) str';
    expect(call(lookup, [['a'], 0n], t)).toBe('a');
    expect(() => call(lookup, [['a'], 42n], t)).toThrow(new CatchableError('list index not present, got: 42, len is: 1, in: ["a"]'));
  });

  it('lookup_default falls back', () => {
    const t = 'func(l []str, i int, d str) str';
    expect(call(fn(list, 'lookup_default'), [['a'], 3n, 'z'], t)).toBe('z');
    expect(call(fn(list, 'lookup_default'), [['a'], 0n, 'z'], t)).toBe('a');
  });
});
