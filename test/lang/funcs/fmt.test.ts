import { describe, expect, it } from 'vitest';
import { module as fmtModule } from '../../../src/lang/funcs/fmt/index.js';
import { FatalError, InferError } from '../../../src/lang/funcs/registry.js';
import { T, typeString } from '../../../src/lang/types/type.js';
import type { Type } from '../../../src/lang/types/type.js';
import { MapValue, StructValue } from '../../../src/lang/types/value.js';
import type { Value } from '../../../src/lang/types/value.js';
import { call, fn, freshVars } from './harness.js';

const printf = fn(fmtModule, 'printf');

/** Infer with static arguments of the given types (the values are only known to exist). */
function infer(format: string | undefined, ...types: Type[]): string {
  const args = [{ type: T.str, value: format }, ...types.map((type) => ({ type, value: type.k === 'var' ? undefined : ('x' as Value) }))];
  return typeString(printf.infer!(args, freshVars()));
}

function inferError(format: string | undefined, ...types: Type[]): string {
  try {
    infer(format, ...types);
  } catch (e) {
    expect(e).toBeInstanceOf(InferError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('fmt.printf inference', () => {
  it('derives argument types from a static format', () => {
    expect(infer('%s is %d, %f%% %t', { k: 'var', id: 99 }, T.int, T.float, T.bool)).toBe(
      'func(format str, a str, b int, c float, d bool) str',
    );
    expect(infer('%v and %T', T.list(T.int), T.str)).toBe('func(format str, a ?1, b ?2) str');
    expect(infer('no verbs')).toBe('func(format str) str');
  });

  it('leaves argument types open when the format is not static', () => {
    expect(infer(undefined, T.int, { k: 'var', id: 50 })).toBe('func(format str, a ?1, b ?2) str');
  });

  it('trusts only static arguments for the type check', () => {
    // math.fortytwo() may be speculated as int before the overload is chosen.
    const args = [{ type: T.str, value: 'float: %f' }, { type: T.int }];
    expect(typeString(printf.infer!(args, freshVars()))).toBe('func(format str, a float) str');
  });

  it('reports upstream messages', () => {
    expect(() => printf.infer!([], freshVars())).toThrow('must have at least one arg');
    expect(inferError('%s %s', T.str)).toBe("number of args (1) doesn't match format string verb count (2)");
    expect(inferError('type: %T value: %d', T.int, T.str)).toBe('inconsistent type at arg index 2: type error: str != int');
    expect(inferError('%5d', T.int)).toBe('could not parse format string: invalid format string at 1');
    expect(inferError('ok %.2f', T.float)).toBe('could not parse format string: invalid format string at 4');
  });
});

describe('fmt.printf output', () => {
  const run = (type: string, ...args: Value[]) => call(printf, args, type);

  it('renders every verb', () => {
    expect(run('func(f str, a str, b int) str', 'the %s is: %d', 'answer', 42n)).toBe('the answer is: 42');
    expect(run('func(f str, a float) str', 'float: %f', 42)).toBe('float: 42');
    expect(run('func(f str, a str, b float) str', 'a %s is: %f', 'cool number', 3.14159)).toBe('a cool number is: 3.14159');
    expect(run('func(f str, a str) str', '%q', 'a"b\n')).toBe('"a\\"b\\n"');
    expect(run('func(f str, a bool) str', '%t!', true)).toBe('true!');
    expect(run('func(f str, a []int) str', '%v', [0n, 1n, 2n])).toBe('[0, 1, 2]');
    expect(run('func(f str, a str) str', '%v', 'raw')).toBe('raw');
    expect(run('func(f str) str', '100%%')).toBe('100%');
  });

  it('prints %T from the solved call type', () => {
    const st = new StructValue([
      ['name', 'mgmt'],
      ['count', 3n],
    ]);
    expect(
      run(
        'func(f str, a int, b str, c []int, d map{str: int}, e struct{name str; count int}) str',
        'types: %T %T %T %T %T',
        42n,
        'hello',
        [1n],
        MapValue.from([['answer', 42n]]),
        st,
      ),
    ).toBe('types: int str []int map{str: int} struct{name str; count int}');
  });

  it('checks a dynamic format at run time', () => {
    expect(() => run('func(f str, a int) str', '%s', 42n)).toThrow(
      new FatalError('unexpected type: base kind does not match (str != int)'),
    );
    expect(() => run('func(f str, a int) str', '%d %d', 42n)).toThrow('more specifiers (2) than values (1)');
    expect(() => run('func(f str, a int) str', '%3d', 42n)).toThrow('invalid format string at 1');
  });
});

describe('fmt.printf: types known before unification', () => {
  it('checks an argument against its speculative type (upstream partial type)', () => {
    const args = [{ type: T.str, value: '%d' }, { type: { k: 'var', id: 7 } as Type, spec: T.str }];
    expect(() => printf.infer!(args, freshVars())).toThrow('inconsistent type at arg index 1: type error: str != int');
    expect(typeString(printf.infer!([{ type: T.str, value: '%d' }, { type: { k: 'var', id: 7 } as Type, spec: T.int }], freshVars()))).toBe('func(format str, a int) str');
  });
});
