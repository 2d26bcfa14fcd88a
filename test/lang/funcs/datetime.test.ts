import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { module as datetime } from '../../../src/lang/funcs/datetime/index.js';
import { call, collect, fn } from './harness.js';

// 2009-11-10 23:00:00 UTC, a Tuesday (Go's playground time).
const T0 = 1257894000n;

describe('datetime (in UTC)', () => {
  let savedTz: string | undefined;
  beforeAll(() => {
    savedTz = process.env.TZ;
    process.env.TZ = 'UTC';
  });
  afterAll(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('prints like Go time.Time', () => {
    expect(call(fn(datetime, 'print'), [T0])).toBe('2009-11-10 23:00:00 +0000 UTC');
  });

  it('formats Go reference layouts', () => {
    const format = (layout: string) => call(fn(datetime, 'format'), [T0, layout]);
    expect(format('2006-01-02 15:04:05')).toBe('2009-11-10 23:00:00');
    expect(format('Mon Jan _2 3:04PM MST 2006')).toBe('Tue Nov 10 11:00PM UTC 2009');
    expect(format('Monday, January 2, 06 (day 002) -07:00 Z07:00 .000 .999')).toBe(
      'Tuesday, November 10, 09 (day 314) +00:00 Z .000 ',
    );
    expect(format('Month')).toBe('Month'); // "Mon" followed by a lowercase letter is literal
  });

  it('gives the hour and weekday', () => {
    expect(call(fn(datetime, 'hour'), [T0])).toBe(23n);
    expect(call(fn(datetime, 'weekday'), [T0])).toBe('tuesday');
  });
});

describe('datetime streams', () => {
  it('now emits the current Unix time at once', async () => {
    const before = BigInt(Math.floor(Date.now() / 1000));
    const seen = await collect(fn(datetime, 'now'), [], 20);
    expect(seen.length).toBe(1);
    expect(seen[0] as bigint).toBeGreaterThanOrEqual(before);
    const str = await collect(fn(datetime, 'str_now'), [], 20);
    expect(str[0]).toMatch(/^\d{10,}$/);
  });

  it('now ticks again on the next second', async () => {
    const seen = await collect(fn(datetime, 'now'), [], 1100);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect((seen[1] as bigint) - (seen[0] as bigint)).toBe(1n);
  });
});
