import { describe, expect, it } from 'vitest';
import { module as strings } from '../../../src/lang/funcs/strings/index.js';
import { CatchableError } from '../../../src/lang/funcs/registry.js';
import type { Value } from '../../../src/lang/types/value.js';
import { call, fn } from './harness.js';

const s = (name: string, ...args: Value[]) => call(fn(strings, name), args);

describe('strings', () => {
  it('tests substrings, prefixes and suffixes', () => {
    expect(s('contains', 'hello world', 'o w')).toBe(true);
    expect(s('contains', 'hello', 'x')).toBe(false);
    expect(s('has_prefix', 'hello', 'he')).toBe(true);
    expect(s('has_suffix', 'hello', 'he')).toBe(false);
  });

  it('joins non-empty strings', () => {
    expect(s('join_nonempty', ['a', '', 'b', ''], ',')).toBe('a,b');
  });

  it('pads by whole repetitions, possibly overshooting', () => {
    expect(s('left_pad', 'ab', '0', 5n)).toBe('000ab');
    expect(s('right_pad', 'ab', 'xy', 5n)).toBe('abxyxy');
    expect(s('left_pad', 'abcdef', '0', 3n)).toBe('abcdef');
  });

  it('replaces and splits with Go semantics', () => {
    expect(s('replace_all', 'a-b-c', '-', '+')).toBe('a+b+c');
    expect(s('replace_all', 'ab', '', '.')).toBe('.a.b.');
    expect(s('split', 'a,b,,c', ',')).toEqual(['a', 'b', '', 'c']);
    expect(s('split', '', ',')).toEqual(['']);
    expect(s('split', 'héllo', '')).toEqual(['h', 'é', 'l', 'l', 'o']);
  });

  it('takes byte substrings and rejects bad ranges catchably', () => {
    expect(s('substr', 'hello', 0n, 4n)).toBe('hell');
    expect(s('substr', 'hello', 5n, 5n)).toBe('');
    expect(() => s('substr', 'hello', 2n, 9n)).toThrow(CatchableError);
    expect(() => s('substr', 'hello', -1n, 2n)).toThrow(CatchableError);
    expect(() => s('substr', 'hello', 3n, 2n)).toThrow(CatchableError);
  });

  it('changes case per code point like Go, and trims white space', () => {
    expect(s('to_upper', 'Hello ß')).toBe('HELLO ß');
    expect(s('to_lower', 'HeLLo')).toBe('hello');
    expect(s('trim_space', ' \t hi there \n\v')).toBe('hi there');
  });
});
