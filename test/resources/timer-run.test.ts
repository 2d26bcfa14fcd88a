import { afterEach, describe, expect, it } from 'vitest';
import { KINDS } from '../../src/resources/index.js';
import { spec } from './helpers.js';
import { makeRuntime, startWatch, type TestRuntime } from './runtime-helper.js';

let t: TestRuntime;
afterEach(() => t?.dispose());

describe('timer', () => {
  it('sends an event every interval; the CheckApply after a tick reports a change once', async () => {
    t = makeRuntime();
    const res = KINDS.get('timer')!.create!(spec('timer', 't', { interval: 1n }));
    const { done } = await startWatch(t, res);
    expect(await res.checkApply(t.rt, true)).toBe(true); // not fired yet
    const started = Date.now();
    await t.until(() => t.events >= 1, 2500, 'the first tick');
    expect(Date.now() - started).toBeGreaterThan(800);
    expect(await res.checkApply(t.rt, false)).toBe(false); // noop reports it without consuming
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(await res.checkApply(t.rt, true)).toBe(true);
    await t.until(() => t.events >= 2, 2500, 'the second tick');
    t.ctl.abort();
    await done;
  });

  it('an interval of 0 fails the watch', async () => {
    t = makeRuntime();
    await expect(KINDS.get('timer')!.create!(spec('timer', 't', {})).watch(t.rt)).rejects.toThrow('the Interval must be at least 1 second');
  });
});
