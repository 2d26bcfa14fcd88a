import { describe, expect, it } from 'vitest';
import { module as sys } from '../../../src/lang/funcs/sys/index.js';
import { module as fwupd } from '../../../src/lang/funcs/sys/fwupd/index.js';
import { countCpuList } from '../../../src/lang/funcs/sys/cpu-count.js';
import { needsReboot } from '../../../src/lang/funcs/sys/fwupd/reboot-needed.js';
import { CatchableError } from '../../../src/lang/funcs/registry.js';
import { MapValue, StructValue } from '../../../src/lang/types/value.js';
import { call, find, start } from './host-harness.js';

describe('sys environment', () => {
  it('getenv: set, set empty, unset', () => {
    process.env.MGMT_TEST_SET = 'x';
    process.env.MGMT_TEST_EMPTY = '';
    delete process.env.MGMT_TEST_UNSET;
    expect(call(find(sys, 'getenv'), ['MGMT_TEST_SET'])).toBe('x');
    expect(call(find(sys, 'getenv'), ['MGMT_TEST_EMPTY'])).toBe('');
    expect(() => call(find(sys, 'getenv'), ['MGMT_TEST_UNSET'])).toThrow(new CatchableError('environment variable not set: MGMT_TEST_UNSET'));
    expect(call(find(sys, 'hasenv'), ['MGMT_TEST_EMPTY'])).toBe(true);
    expect(call(find(sys, 'hasenv'), ['MGMT_TEST_UNSET'])).toBe(false);
    expect((call(find(sys, 'env'), []) as MapValue).get('MGMT_TEST_SET')).toBe('x');
  });
});

describe('sys streams', () => {
  it('load emits a struct of three floats right away', async () => {
    const run = start(find(sys, 'load'), []);
    try {
      await run.until(1, 10_000); // a hang guard: it emits at once
      const v = run.values[0] as StructValue;
      expect(v.fields.map(([n]) => n)).toEqual(['x1', 'x5', 'x15']);
      for (const [, x] of v.fields) expect(typeof x).toBe('number');
    } finally {
      run.stop();
    }
  });

  it('hostname, cpu_count and uptime emit promptly', async () => {
    for (const name of ['hostname', 'cpu_count', 'uptime']) {
      const run = start(find(sys, name), []);
      try {
        await run.until(1, 10_000); // a hang guard: it emits at once
      } finally {
        run.stop();
      }
    }
  });

  it('counts sysfs cpu lists', () => {
    expect(countCpuList('0-3,6,8-9\n')).toBe(7);
    expect(countCpuList('0')).toBe(1);
  });

  it('reboot_needed reads fwupd device flags', async () => {
    expect(needsReboot('{"Devices":[{"Flags":["internal","needs-reboot"]}]}')).toBe(true);
    expect(needsReboot('{"Devices":[{"Flags":["internal"]}]}')).toBe(false);
    expect(needsReboot('not json')).toBe(false);
    const run = start(find(fwupd, 'reboot_needed'), []);
    try {
      await run.until(1, 5000);
      expect(typeof run.values[0]).toBe('boolean');
    } finally {
      run.stop();
    }
  });
});
