import { afterEach, describe, expect, it } from 'vitest';
import { KINDS } from '../../src/resources/index.js';
import type { Value } from '../../src/lang/types/value.js';
import { EmbeddedWorld } from '../../src/world/embedded.js';
import { mappedKey } from '../../src/world/keys.js';
import { spec } from './helpers.js';
import { makeRuntime, startWatch, type TestRuntime } from './runtime-helper.js';

const make = (name: string, params: Record<string, Value>) => KINDS.get('kv')!.create!(spec('kv', name, params));
let t: TestRuntime;
afterEach(() => t?.dispose());

describe('kv', () => {
  it('sets its key, sees someone else change it, and puts it back', async () => {
    const world = new EmbeddedWorld();
    t = makeRuntime({ world });
    const res = make('colour', { value: 'blue' });
    const { done } = await startWatch(t, res);
    expect(await res.checkApply(t.rt, false)).toBe(false);
    expect(await world.get('colour')).toBeUndefined();
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(await world.get('colour')).toBe('blue');
    expect(await res.checkApply(t.rt, true)).toBe(true);
    const n = t.events;
    await world.set('colour', 'red');
    await t.until(() => t.events > n, 1000, 'an event');
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(await world.get('colour')).toBe('blue');
    t.ctl.abort();
    await done;
  });

  it('an unset value deletes the key; mapped keeps one value per host', async () => {
    const world = new EmbeddedWorld();
    t = makeRuntime({ world, hostname: 'h7' });
    await world.set('gone', 'x');
    expect(await make('gone', {}).checkApply(t.rt, true)).toBe(false);
    expect(await world.get('gone')).toBeUndefined();
    expect(await make('m', { key: 'ns', value: 'v', mapped: true }).checkApply(t.rt, true)).toBe(false);
    expect(await world.get(mappedKey('ns', 'h7'))).toBe('v');
    expect(await world.get('ns')).toBeUndefined();
  });

  it('skiplessthan keeps a larger stored value (as ints, or as strings)', async () => {
    const world = new EmbeddedWorld();
    t = makeRuntime({ world });
    await world.set('n', '10');
    expect(await make('n', { value: '9', skiplessthan: true }).checkApply(t.rt, true)).toBe(true);
    expect(await world.get('n')).toBe('10');
    expect(await make('n', { value: '11', skiplessthan: true }).checkApply(t.rt, true)).toBe(false);
    expect(await world.get('n')).toBe('11');
    // As strings "9" > "11".
    expect(await make('n', { value: '9', skiplessthan: true, skipcmpstyle: 1n }).checkApply(t.rt, true)).toBe(false);
    expect(await world.get('n')).toBe('9');
    await expect(make('n', { value: 'abc', skiplessthan: true }).checkApply(t.rt, true)).rejects.toThrow('is not an integer');
  });
});
