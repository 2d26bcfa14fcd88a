import { describe, expect, it } from 'vitest';
import { kind as test } from '../../src/resources/test.js';
import { StructValue } from '../../src/lang/types/value.js';
import { spec } from './helpers.js';

describe('test', () => {
  it('fails Validate on request', () => {
    expect(test.validate!(spec('test', 'a'))).toBeUndefined();
    expect(test.validate!(spec('test', 'a', { validatebool: true }))).toBe('the validate param was set to true');
    expect(test.validate!(spec('test', 'a', { validateerror: 'boom' }))).toBe('the validate error param was set to: boom');
  });

  it('compares duplicates field by field with upstream reasons', () => {
    const cmp = (a: Parameters<typeof spec>[2], b: Parameters<typeof spec>[2]) => test.cmp!(spec('test', 't', a), spec('test', 't', b));
    expect(cmp({ anotherstr: 'x' }, { anotherstr: 'x' })).toBeUndefined();
    expect(cmp({ anotherstr: 'x' }, { anotherstr: 'y' })).toBe('the AnotherStr differs');
    expect(cmp({ anotherstr: '' }, {})).toBeUndefined();
    expect(cmp({ stringptr: '' }, {})).toBe('the StringPtr differs');
    expect(cmp({ int: 1n }, {})).toBe('the Str differs');
    expect(cmp({ int64: 1n }, { int64: 2n })).toBe('the Int64 differs');
    expect(cmp({ comparefail: true }, { comparefail: true })).toBe('the CompareFail is true');
    const ms = (i: bigint) => new StructValue([['somebool', true], ['somestr', 's'], ['someint', i], ['somefloat', 1.5]]);
    expect(cmp({ mixedstruct: ms(1n) }, { mixedstruct: ms(1n) })).toBeUndefined();
    expect(cmp({ mixedstruct: ms(1n) }, { mixedstruct: ms(2n) })).toBe('the MixedStruct differs');
  });

  it('groups only into a parent with alwaysgroup', () => {
    expect(test.groupCmp!(spec('test', 'a', { alwaysgroup: true }), spec('test', 'b'))).toBe(true);
    expect(test.groupCmp!(spec('test', 'a'), spec('test', 'b', { alwaysgroup: true }))).toBe(false);
    expect(test.groupCmp!(spec('test', 'a', { alwaysgroup: true }), spec('test', 'b', {}, { autogroup: false }))).toBe(false);
  });
});
