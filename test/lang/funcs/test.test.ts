import { describe, expect, it } from 'vitest';
import { module as test } from '../../../src/lang/funcs/test/index.js';
import { FatalError } from '../../../src/lang/funcs/registry.js';
import { MapValue } from '../../../src/lang/types/value.js';
import { parseType } from '../../../src/lang/types/type.js';
import type { FuncType } from '../../../src/lang/funcs/registry.js';
import { call, find, makeEnv, start } from './host-harness.js';

describe('the test module', () => {
  it('fastcount counts up from 0', async () => {
    const run = start(find(test, 'fastcount'), []);
    await run.until(50);
    run.stop();
    expect(run.values.slice(0, 5)).toEqual([0n, 1n, 2n, 3n, 4n]);
  });

  it('forloop emits ["foo"] then ["bar"]; forkvloop a map', async () => {
    const run = start(find(test, 'forloop'), []);
    await run.until(2);
    run.stop();
    expect(run.values).toEqual([['foo'], ['bar']]);
    const kv = start(find(test, 'forkvloop'), []);
    await kv.until(1);
    kv.stop();
    expect((kv.values[0] as MapValue).get('foo')).toBe('bar');
  });

  it('one_instance_* works once per run and fails the second time', () => {
    const env = makeEnv();
    const a = find(test, 'one_instance_a');
    expect(call(a, [], env)).toBe('hello');
    expect(() => call(a, [], env)).toThrow(FatalError);
    // Another function, or another run, is unaffected.
    expect(call(find(test, 'one_instance_b'), [], env)).toBe('hello');
    expect(call(a, [], makeEnv())).toBe('hello');
    expect(test.funcs.filter((f) => f.name.startsWith('one_instance_')).map((f) => f.name.slice(-1))).toEqual([
      'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h',
    ]);
  });

  it('one_stream repeats "x" and fails on a second input at the same call site', async () => {
    const def = find(test, 'one_stream');
    const site = parseType('func(count int) str') as FuncType;
    const first = start(def, [3n], makeEnv(), '/', site);
    await first.until(1);
    first.stop();
    expect(first.values).toEqual(['xxx']);
    const second = start(def, [4n], makeEnv(), '/', site);
    expect(second.values).toEqual([]);
    expect(second.errors[0]).toBeInstanceOf(FatalError);
    // Another call site is a fresh instance.
    const other = start(def, [1n]);
    expect(other.values).toEqual(['x']);
  });

  it('slow_string takes five seconds', async () => {
    const run = start(find(test, 'slow_string'), []);
    await new Promise((r) => setTimeout(r, 4500));
    expect(run.values).toEqual([]);
    await run.until(1, 10_000);
    run.stop();
    expect(run.values).toEqual(['five seconds has elapsed']);
  }, 20_000);
});
