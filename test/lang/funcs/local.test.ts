import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { module as local } from '../../../src/lang/funcs/local/index.js';
import { call, find, makeEnv } from './host-harness.js';

describe('local.vardir', () => {
  it('creates the directory and returns it with a trailing slash', () => {
    const env = makeEnv();
    const dir = call(find(local, 'vardir'), ['foo1/'], env) as string;
    expect(dir).toBe(join(env.localDir, 'vardir', 'foo1') + '/');
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  it('rejects absolute paths and non-directories', () => {
    expect(() => call(find(local, 'vardir'), ['/abs/'])).toThrow('path must be relative');
    expect(() => call(find(local, 'vardir'), ['file'])).toThrow('path must be a dir');
    expect(() => call(find(local, 'vardir'), ['../up/'])).toThrow();
  });
});

describe('local.pool', () => {
  it('gives each uid a stable number, remembered on disk', () => {
    const env = makeEnv();
    const pool = find(local, 'pool');
    expect(call(pool, ['ns', 'james'], env)).toBe(1n);
    expect(call(pool, ['ns', 'purple'], env)).toBe(2n);
    expect(call(pool, ['ns', 'james'], env)).toBe(1n);
    expect(call(pool, ['other', 'purple'], env)).toBe(1n);
    const saved = JSON.parse(readFileSync(join(env.localDir, 'pool.json'), 'utf8'));
    expect(saved).toEqual({ ns: { james: 1, purple: 2 }, other: { purple: 1 } });
    expect(existsSync(join(env.localDir, 'pool.json'))).toBe(true);
  });
});
