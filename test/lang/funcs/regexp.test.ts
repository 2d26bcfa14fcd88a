import { describe, expect, it } from 'vitest';
import { module as regexp } from '../../../src/lang/funcs/regexp/index.js';
import { FatalError } from '../../../src/lang/funcs/registry.js';
import { call, fn } from './harness.js';

const match = (p: string, s: string) => call(fn(regexp, 'match'), [p, s]);

describe('regexp.match (RE2)', () => {
  it('matches unanchored', () => {
    expect(match('b+', 'abbbc')).toBe(true);
    expect(match('^b', 'abc')).toBe(false);
    expect(match('a|b', 'xbx')).toBe(true);
  });

  it('follows RE2 newline rules for . ^ $ and their flags', () => {
    expect(match('a.c', 'a\nc')).toBe(false);
    expect(match('(?s)a.c', 'a\nc')).toBe(true);
    expect(match('^b$', 'a\nb\nc')).toBe(false);
    expect(match('(?m)^b$', 'a\nb\nc')).toBe(true);
    expect(match('\\Aab\\z', 'ab\n')).toBe(false);
    expect(match('\\Aab\\z', 'ab')).toBe(true);
  });

  it('supports case-folding scopes, POSIX and Unicode classes, \\Q…\\E', () => {
    expect(match('(?i)hello', 'HeLLo')).toBe(true);
    expect(match('a(?i:b)c', 'aBc')).toBe(true);
    expect(match('a(?i:b)c', 'aBC')).toBe(false);
    expect(match('^[[:alpha:]]+[[:digit:]]$', 'abc1')).toBe(true);
    expect(match('^\\pL+$', 'héllo')).toBe(true);
    expect(match('\\p{Greek}', 'abc')).toBe(false);
    expect(match('\\Q1+1\\E', 'is 1+1?')).toBe(true);
    expect(match('\\s', '\v')).toBe(false); // RE2's \s is [\t\n\f\r ]
    expect(match('(?P<word>\\w+)-\\d{2}', 'ab-12')).toBe(true);
  });

  it('rejects what RE2 rejects, fatally', () => {
    for (const bad of ['(a', 'a)', '*a', '\\1', '(?=a)', 'x{1001}', '[z-a]', '[a']) {
      expect(() => match(bad, 'a'), bad).toThrow(FatalError);
    }
    expect(() => match('(?=a)', 'a')).toThrow('error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
  });
});
