// `npm test`'s summary must not say green when vitest said red: each scratch
// suite in test/fixtures/summary/ (outside the normal glob) is run through
// scripts/test.mjs itself, with the build and conformance steps left out, and
// its exit status and last line are what a user would see.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
// @ts-expect-error: a plain .mjs module, without type declarations
import { tallyConformance } from '../../scripts/test-summary.mjs';

const root = new URL('../..', import.meta.url).pathname;
const config = join(root, 'test/fixtures/summary/vitest.config.ts');

function summary(file: string, ci = false): { code: number | null; last: string; out: string } {
  // The inner vitest must not think it runs inside this one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|TEST$|NODE_ENV$|CI$)/.test(k)));
  if (ci) env.CI = '1';
  const r = spawnSync(process.execPath, [join(root, 'scripts/test.mjs'), '--no-build', '--no-conformance', '--config', config, file], { cwd: root, encoding: 'utf8', env, timeout: 120_000 });
  const out = `${r.stdout}${r.stderr}`;
  return { code: r.status, last: r.stdout.trimEnd().split('\n').pop() ?? '', out };
}

describe('scripts/test.mjs summary line', { timeout: 120_000 }, () => {
  it('a beforeAll that throws fails the run, though vitest counts its tests as skipped', () => {
    const r = summary('before-all.scratch.ts');
    expect(r.last, r.out).toBe('0 passed, 1 failed, 2 skipped');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/before-all\.scratch\.ts: failed outside any test .*the component did not start/);
  });

  it('a beforeAll that times out fails the run', () => {
    const r = summary('before-all-timeout.scratch.ts');
    expect(r.last, r.out).toBe('0 passed, 1 failed, 1 skipped');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Hook timed out/);
  });

  it('an afterAll that throws fails the run, though every test passed', () => {
    const r = summary('after-all.scratch.ts');
    expect(r.last, r.out).toBe('1 passed, 1 failed, 0 skipped');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/after-all\.scratch\.ts: failed outside any test .*cleanup failed/);
  });

  it('an unhandled rejection fails the run, though every test passed and vitest says success', () => {
    const r = summary('unhandled.scratch.ts');
    expect(r.last, r.out).toBe('1 passed, 1 failed, 0 skipped');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/vitest exited 1 with no failed test/);
  });

  it('counts passed, failed, skipped and todo tests', () => {
    const r = summary('mixed.scratch.ts');
    expect(r.last, r.out).toBe('1 passed, 1 failed, 2 skipped');
    expect(r.code).toBe(1);
  });

  it('an all-green run says so and exits 0', () => {
    const r = summary('passing.scratch.ts');
    expect(r.last, r.out).toBe('2 passed, 0 failed, 0 skipped');
    expect(r.code).toBe(0);
  });

  it('a missing component is a skip with its reason outside CI', () => {
    const r = summary('component.scratch.ts');
    expect(r.last, r.out).toBe('0 passed, 0 failed, 3 skipped');
    expect(r.code).toBe(0);
  });

  it('a missing component is a failure with its reason in CI', () => {
    const r = summary('component.scratch.ts', true);
    expect(r.last, r.out).toBe('0 passed, 2 failed, 0 skipped');
    expect(r.code).toBe(1);
    expect(r.out).toContain('mgmt-no-such-command is not installed or does not run (apt-get install mgmt-no-such-package) — in CI this is a failure');
  });
});

describe('conformance floors in the summary', () => {
  it('a suite in strictErrors fails on a wrong message; another suite counts only the stage', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const differs = { name: 'x.txtar', reason: 'message differs: expected "a", got "b"' };
    const res = {
      func2: { passed: 9, failed: 1, failures: [differs] },
      errors1: { passed: 9, failed: 1, failures: [differs] },
    };
    const t = tallyConformance(res, { suites: { func2: 1, errors1: 1, func3: 0.5 }, strictErrors: ['errors1'] });
    log.mockRestore();
    expect({ passed: t.passed, failed: t.failed }).toEqual({ passed: 1, failed: 2 });
    expect(t.notes).toEqual(['conformance errors1 is below its floor', 'conformance func3 is below its floor']);
  });
});
