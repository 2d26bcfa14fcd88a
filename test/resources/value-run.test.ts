import { afterEach, describe, expect, it } from 'vitest';
import { KINDS } from '../../src/resources/index.js';
import { MapValue } from '../../src/lang/types/value.js';
import { EmbeddedWorld } from '../../src/world/embedded.js';
import { spec } from './helpers.js';
import { makeRuntime, type TestRuntime } from './runtime-helper.js';

let t: TestRuntime;
afterEach(() => t?.dispose());

describe('value', () => {
  it('stores its value in localValues under its name and sends it as `any`', async () => {
    const world = new EmbeddedWorld();
    t = makeRuntime({ world });
    const v = MapValue.from([['a', 1n]]);
    const res = KINDS.get('value')!.create!(spec('value', 'v1', { any: v }));
    expect(await res.checkApply(t.rt, false)).toBe(false);
    expect(world.localValues.has('v1')).toBe(false);
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(world.localValues.get('v1')).toBe(v);
    expect(t.sent.at(-1)).toEqual({ any: v });
    expect(await res.checkApply(t.rt, true)).toBe(true);
    const unset = KINDS.get('value')!.create!(spec('value', 'v1', {}));
    expect(await unset.checkApply(t.rt, true)).toBe(false);
    expect(world.localValues.has('v1')).toBe(false);
  });
});
