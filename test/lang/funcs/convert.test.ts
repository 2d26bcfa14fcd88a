import { describe, expect, it } from 'vitest';
import { module as convert } from '../../../src/lang/funcs/convert/index.js';
import { CatchableError } from '../../../src/lang/funcs/registry.js';
import type { Value } from '../../../src/lang/types/value.js';
import { call, fn } from './harness.js';

const c = (name: string, ...args: Value[]) => call(fn(convert, name), args);

describe('convert', () => {
  it('parses ints in base 10 with Go error texts', () => {
    expect(c('str_to_int', '13')).toBe(13n);
    expect(c('str_to_int', '-9223372036854775808')).toBe(-(2n ** 63n));
    expect(() => c('str_to_int', 'not a number')).toThrow(new CatchableError('strconv.ParseInt: parsing "not a number": invalid syntax'));
    expect(() => c('str_to_int', '9223372036854775808')).toThrow('strconv.ParseInt: parsing "9223372036854775808": value out of range');
    expect(() => c('str_to_int', ' 1')).toThrow('invalid syntax');
  });

  it('parses floats', () => {
    expect(c('str_to_float', '3.14')).toBe(3.14);
    expect(c('str_to_float', '1e3')).toBe(1000);
    expect(c('str_to_float', '0x1p-2')).toBe(0.25);
    expect(c('str_to_float', '-Inf')).toBe(-Infinity);
    expect(() => c('str_to_float', 'x')).toThrow('strconv.ParseFloat: parsing "x": invalid syntax');
    expect(() => c('str_to_float', '1e400')).toThrow('value out of range');
  });

  it('parses and formats bools', () => {
    expect(c('parse_bool', 'True')).toBe(true);
    expect(c('parse_bool', '0')).toBe(false);
    expect(() => c('parse_bool', 'yes')).toThrow(new CatchableError('invalid bool: `yes`'));
    expect(c('format_bool', false)).toBe('false');
  });

  it('converts between ints, floats and strings', () => {
    expect(c('int_to_str', -42n)).toBe('-42');
    expect(c('to_float', 3n)).toBe(3);
    expect(c('to_int', -3.9)).toBe(-3n);
    expect(c('to_int', 3.9)).toBe(3n);
  });
});
