import { describe, expect, it } from 'vitest';
import { META_FIELDS, metaStructType, semaSize, validateMeta } from '../../src/resources/meta.js';
import { DEFAULT_META, type MetaParams } from '../../src/resources/kind.js';

const check = (m: Partial<MetaParams>) => validateMeta({ ...DEFAULT_META, ...m });

describe('meta params', () => {
  it('have the exact struct type of `Meta => struct{…}`', () => {
    expect(metaStructType).toBe(
      'struct{noop bool; retry int; retryreset bool; delay int; timeout int; poll int; limit float; burst int; reset bool; sema []str; rewatch bool; realize bool; dollar bool; hidden bool; export []str; reverse bool; autoedge bool; autogroup bool}',
    );
    expect(META_FIELDS.map((f) => f.name).sort()).toEqual(Object.keys(DEFAULT_META).sort());
  });

  it('accept the defaults and common settings', () => {
    expect(check({})).toBeUndefined();
    expect(check({ retry: -1, delay: 100, poll: 10, limit: 2, burst: 3, sema: ['lock', 'pool:4', 'a:b'] })).toBeUndefined();
  });

  it('reject out-of-range numbers with upstream reasons', () => {
    expect(check({ retry: 40000 })).toBe('retry value 40000 overflows int16');
    expect(check({ delay: -1 })).toBe('delay value -1 is negative');
    expect(check({ timeout: -5 })).toBe('timeout value -5 is negative');
    expect(check({ poll: 2 ** 31 })).toBe('poll value 2147483648 overflows int32');
    expect(check({ limit: 1 })).toBe('permanently limited (rate != Inf, burst = 0)');
  });

  it('reject empty, numeric and zero-sized semaphores', () => {
    expect(check({ sema: [''] })).toBe('semaphore is empty');
    expect(check({ sema: ['42'] })).toMatch(/^semaphore format is invalid/);
    expect(check({ sema: ['id:0'] })).toMatch(/^semaphore size must be at least 1/);
    expect(semaSize('id:3')).toBe(3);
    expect(semaSize('id')).toBe(1);
  });
});
