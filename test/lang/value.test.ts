import { describe, expect, it } from 'vitest';
import { formatFloat, formatValue, goQuote, MapValue, StructValue } from '../../src/lang/types/value.js';
import { parseType, typeString } from '../../src/lang/types/type.js';

describe('values in mcl form', () => {
  it('prints floats without exponents, shortest round-trip', () => {
    expect(formatFloat(42)).toBe('42');
    expect(formatFloat(3.14)).toBe('3.14');
    expect(formatFloat(1e21)).toBe('1000000000000000000000');
    expect(formatFloat(1.5e-7)).toBe('0.00000015');
  });
  it('quotes strings the way Go does', () => {
    expect(goQuote('a\tb\n"\\')).toBe('"a\\tb\\n\\"\\\\"');
    expect(goQuote('\x07')).toBe('"\\a"');
  });
  it('prints maps sorted by key and structs in field order', () => {
    const m = MapValue.from([['b', 2n], ['a', 1n]]);
    expect(formatValue(m)).toBe('{"a": 1, "b": 2}');
    expect(formatValue(new StructValue([['x', true], ['y', ['q']]]))).toBe('struct{x: true; y: ["q"]}');
  });
});

describe('type strings', () => {
  it('round-trips through the canonical form', () => {
    for (const s of ['[]str', 'map{str: []int}', 'struct{a int; b str}', 'func(int, []str) bool', 'func(a str) str']) {
      expect(typeString(parseType(s))).toBe(s);
    }
  });
  it('rejects duplicate struct fields', () => {
    expect(() => parseType('struct{x int; x str}')).toThrow(/duplicate struct field `x str`/);
  });
  it('is lenient about spaces and a trailing semicolon when asked', () => {
    expect(typeString(parseType('struct{hello int; goodbye bool;}', { lenient: true }))).toBe('struct{hello int; goodbye bool}');
  });
});
