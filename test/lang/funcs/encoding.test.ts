import { describe, expect, it } from 'vitest';
import { module as encoding } from '../../../src/lang/funcs/encoding/index.js';
import { CatchableError, FatalError, InferError } from '../../../src/lang/funcs/registry.js';
import { T, typeString } from '../../../src/lang/types/type.js';
import { formatValue } from '../../../src/lang/types/value.js';
import type { Value } from '../../../src/lang/types/value.js';
import { call, fn, freshVars } from './harness.js';

const inferred = (name: string, spec?: string) => {
  const args = [{ type: T.str }, ...(spec === undefined ? [] : [{ type: T.str, value: spec as Value }])];
  return fn(encoding, name).infer!(args, freshVars());
};

describe('encoding base64', () => {
  it('round-trips with the padded standard alphabet', () => {
    expect(call(fn(encoding, 'base64_encode'), ['hello?'])).toBe('aGVsbG8/');
    expect(call(fn(encoding, 'base64_encode'), ['hi'])).toBe('aGk=');
    expect(call(fn(encoding, 'base64_decode'), ['aGk='])).toBe('hi');
    expect(call(fn(encoding, 'base64_decode'), ['aGVs\nbG8/'])).toBe('hello?');
  });

  it('rejects what Go rejects', () => {
    const decode = fn(encoding, 'base64_decode');
    expect(() => call(decode, ['aGk'])).toThrow(new FatalError('illegal base64 data at input byte 3'));
    expect(() => call(decode, ['a!k='])).toThrow('illegal base64 data at input byte 1');
    expect(() => call(decode, ['aGk=aGk='])).toThrow(FatalError);
  });
});

describe('encoding.decode_json', () => {
  it('takes its result type from the static type string (leniently parsed)', () => {
    expect(typeString(inferred('decode_json_flexible', 'struct{hello int; goodbye bool;}'))).toBe(
      'func(data str, type str) struct{hello int; goodbye bool}',
    );
    expect(typeString(inferred('decode_json', 'map{str : []int}'))).toBe('func(data str, type str) map{str: []int}');
    expect(typeString(inferred('decode_json'))).toBe('func(data str) ?1');
    expect(() => inferred('decode_json', 'struct{hello}')).toThrow(new InferError('invalid type specification'));
  });

  it('converts JSON to the solved type', () => {
    const t = 'func(d str, t str) map{str: struct{hello int; goodbye str}}';
    const v = call(fn(encoding, 'decode_json'), ['{"x": {"hello": 42, "goodbye": "bye"}}', ''], t);
    expect(formatValue(v)).toBe('{"x": struct{hello: 42; goodbye: "bye"}}');
    const floats = call(fn(encoding, 'decode_json'), ['[1, 2.5]', ''], 'func(d str, t str) []float');
    expect(floats).toEqual([1, 2.5]);
  });

  it('fills missing struct fields only when flexible', () => {
    const t = 'func(d str, t str) struct{hello int; goodbye bool}';
    const v = call(fn(encoding, 'decode_json_flexible'), ['{"hello": 42}', ''], t);
    expect(formatValue(v)).toBe('struct{hello: 42; goodbye: false}');
    expect(() => call(fn(encoding, 'decode_json'), ['{"hello": 42}', ''], t)).toThrow(CatchableError);
  });

  it('fails catchably on bad data or the wrong shape', () => {
    expect(() => call(fn(encoding, 'decode_json'), ['{nope', ''], 'func(d str, t str) []int')).toThrow(CatchableError);
    expect(() => call(fn(encoding, 'decode_json'), ['["a"]', ''], 'func(d str, t str) []int')).toThrow(
      'json: cannot unmarshal string into value of type int at [0]',
    );
  });
});
