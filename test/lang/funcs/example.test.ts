import { describe, expect, it } from 'vitest';
import { module as example } from '../../../src/lang/funcs/example/index.js';
import { module as nested } from '../../../src/lang/funcs/example/nested/index.js';
import { module as util } from '../../../src/lang/funcs/util/index.js';
import { meter } from '../../../src/lang/funcs/example/vumeter.js';
import { mapHostname } from '../../../src/lang/funcs/util/hostname-mapper.js';
import { FatalError } from '../../../src/lang/funcs/registry.js';
import { MapValue } from '../../../src/lang/types/value.js';
import { call, find, start } from './host-harness.js';

describe('the example module', () => {
  it('has its small pure functions', () => {
    expect(call(find(example, 'answer'), [])).toBe(42n);
    expect(call(find(example, 'int2str'), [42n])).toBe('42');
    expect(call(find(example, 'str2int'), ['-7'])).toBe(-7n);
    expect(call(find(example, 'str2int'), ['seven'])).toBe(0n);
    expect(call(find(example, 'plus'), ['a', 'b'])).toBe('ab');
    expect(call(find(example, 'errorbool'), [false])).toBe('set');
    expect(() => call(find(example, 'errorbool'), [true])).toThrow(FatalError);
    expect(call(find(nested, 'hello'), [])).toBe('Hello!');
  });

  it('flipflop starts with false', async () => {
    const run = start(find(example, 'flipflop'), []);
    await run.until(1);
    run.stop();
    expect(run.values).toEqual([false]);
  });

  it('vumeter draws bars', () => {
    expect(meter('=', 10, 0.9, 0.5)).toBe('=====');
    expect(meter('==', 4, 0.9, 1)).toBe('======== PEAK');
    expect(meter('=', 10, 0.9, 0)).toBe('');
  });
});

describe('util.hostname_mapper', () => {
  it('maps a local MAC to its hostname', () => {
    const table = MapValue.from([['AA-BB-CC-DD-EE-FF', 'web1'], ['11:22:33:44:55:66', 'db1']]);
    expect(mapHostname(table, ['11:22:33:44:55:66'])).toBe('db1');
    expect(mapHostname(table, ['aa:bb:cc:dd:ee:ff'])).toBe('web1');
    expect(mapHostname(table, ['00:00:00:00:00:01'])).toBe('');
    expect(typeof call(find(util, 'hostname_mapper'), [table])).toBe('string');
  });
});
