import { describe, expect, it } from 'vitest';
import { formatFloatV, sprint, sprintf, sprintln } from '../../../../src/lang/funcs/golang/template/gofmt.js';
import { TMap, TRecord } from '../../../../src/lang/funcs/golang/template/data.js';

describe("golang.template's Go fmt", () => {
  it('prints floats as Go %v does', () => {
    expect(formatFloatV(3.14)).toBe('3.14');
    expect(formatFloatV(42)).toBe('42');
    expect(formatFloatV(1e21)).toBe('1e+21');
    expect(formatFloatV(123456)).toBe('123456');
    expect(formatFloatV(123456789)).toBe('1.23456789e+08');
    expect(formatFloatV(0.000012)).toBe('1.2e-05');
    expect(formatFloatV(0.0001)).toBe('0.0001');
    expect(formatFloatV(-0.5)).toBe('-0.5');
    expect(formatFloatV(Infinity)).toBe('+Inf');
    expect(formatFloatV(NaN)).toBe('NaN');
  });

  it('separates Sprint operands unless one is a string', () => {
    expect(sprint([1n, 2n])).toBe('1 2');
    expect(sprint(['a', 1n, 2n, 'b', 'c'])).toBe('a1 2bc');
    expect(sprintln(['a', 1n])).toBe('a 1\n');
  });

  it('prints composite values', () => {
    const m = new TMap('string');
    m.set('z', [1n, 'x']);
    m.set('a', null);
    expect(sprint([m])).toBe('map[a:<nil> z:[1 x]]');
    expect(sprintf('%v|%+v', [new TRecord([['A', 'x'], ['B', 2n]]), new TRecord([['A', 'x']])])).toBe('{x 2}|{A:x}');
    expect(sprintf('%d', [[1n, 2n]])).toBe('[1 2]');
    expect(sprintf('%T %T %T', [[1n], m, 1.5])).toBe('[]interface {} map[string]interface {} float64');
  });

  it('formats verbs with flags, width and precision', () => {
    expect(sprintf('%e|%.3g|%g|%G', [1234.5678, 1234, 100000, 1e-7])).toBe('1.234568e+03|1.23e+03|100000|1E-07');
    expect(sprintf('%8.3f|%-8.3f|%05d|%+d|%6.2v', [3.14159, 3.14159, -42n, 5n, 3.14159])).toBe('   3.142|3.142   |-0042|+5|   3.1');
    expect(sprintf('%x|% x|%X|%#x|%o|%b|%c|%q|%U', ['hi', 'hi', 255n, 255n, 8n, 5n, 65n, 65n, 0x1f600n])).toBe(
      "6869|68 69|FF|0xff|10|101|A|'A'|U+1F600",
    );
    expect(sprintf('%5s|%-5s|%.2s|%q', ['ab', 'ab', 'hello', 'a"\n'])).toBe('   ab|ab   |he|"a\\"\\n"');
    expect(sprintf('%[2]d %[1]d', [1n, 2n])).toBe('2 1');
    expect(sprintf('%*d|%-*d|', [5n, 3n, 3n, 7n])).toBe('    3|7  |');
  });

  it("writes Go's error forms", () => {
    expect(sprintf('%d', ['x'])).toBe('%!d(string=x)');
    expect(sprintf('%d %d', [1n])).toBe('1 %!d(MISSING)');
    expect(sprintf('%d', [1n, 'a', 2n])).toBe('1%!(EXTRA string=a, int=2)');
    expect(sprintf('%d', [null])).toBe('%!d(<nil>)');
    expect(sprintf('100%', [])).toBe('100%!(NOVERB)');
    expect(sprintf('%t', [1n])).toBe('%!t(int=1)');
  });
});
