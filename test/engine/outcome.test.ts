// What the engine reports about vertices that did not apply: a CheckApply the
// engine itself interrupted (a swap replaced the vertex, or shutdown) is not a
// failure and costs no retry; a vertex that cannot run because a dependency
// failed for good says so, once, and is counted.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/engine.js';
import { graphOf, resetJournal, testEngine, vtx, wait } from './helpers.js';

let engine: Engine | undefined;
let dir: string;
beforeEach(() => {
  resetJournal();
  dir = mkdtempSync(join(tmpdir(), 'mgmt-outcome-'));
});
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(10);
  }
}

const failureLines = (lines: string[]) => lines.filter((l) => /CheckApply failed|failed permanently|retrying/.test(l));

describe('a CheckApply the engine interrupts', () => {
  it('is not a failure when a swap replaces the vertex: no error, no retry used, the new version applies', async () => {
    const lines: string[] = [];
    engine = testEngine({ stateRoot: dir }, lines);
    const done = join(dir, 'done');
    await engine.swap(graphOf([vtx('exec', 'job', { cmd: 'sleep 5' }, { retry: 1 })]));
    await until(() => engine!.worker('exec[job]')?.running === true, 'the first command to run');
    await engine.swap(graphOf([vtx('exec', 'job', { cmd: `touch ${done}` }, { retry: 1 })]));
    expect(await engine.waitConverged(10_000)).toBe(true);
    expect(existsSync(done)).toBe(true);
    expect(failureLines(lines)).toEqual([]);
    expect(engine.failures()).toEqual([]);
    expect(lines).toContain('info: swap: changed exec[job] (cmd)');
  });

  it('is not a failure when the engine stops', async () => {
    const lines: string[] = [];
    engine = testEngine({ stateRoot: dir }, lines);
    await engine.swap(graphOf([vtx('exec', 'job', { cmd: 'sleep 5' })]));
    await until(() => engine!.worker('exec[job]')?.running === true, 'the command to run');
    const w = engine.worker('exec[job]')!;
    await engine.stop();
    engine = undefined;
    expect(failureLines(lines)).toEqual([]);
    expect(w.permanentFailure).toBeUndefined();
  });

  it('a Meta:timeout is still a failure (the resource hung, the engine did not stop it)', async () => {
    const lines: string[] = [];
    engine = testEngine({ stateRoot: dir }, lines);
    await engine.swap(graphOf([vtx('t:hang', 'h', {}, { timeout: 50 })]));
    expect(await engine.waitConverged(5000)).toBe(true);
    expect(lines).toContain('error: t:hang[h]: CheckApply failed: CheckApply timed out after 50 ms');
    expect(engine.failures().map((f) => f.id)).toEqual(['t:hang[h]']);
  });
});

describe('a vertex whose dependency failed', () => {
  it('says it is skipped and why, as does the next one down the chain, and is counted', async () => {
    const lines: string[] = [];
    engine = testEngine({ stateRoot: dir }, lines);
    const bad = vtx('t:flaky', 'bad', { fail: 5 });
    const mid = vtx('t:sleep', 'mid', { inState: 'yes' });
    const end = vtx('t:sleep', 'end', { inState: 'yes' });
    const free = vtx('t:sleep', 'free', { inState: 'yes' });
    await engine.swap(graphOf([bad, mid, end, free], [[bad, mid], [mid, end]]));
    expect(await engine.waitConverged(5000)).toBe(true);
    expect(lines.filter((l) => l.includes('skipped'))).toEqual([
      'warn: t:sleep[mid]: skipped: depends on t:flaky[bad], which failed',
      'warn: t:sleep[end]: skipped: depends on t:sleep[mid], which was skipped',
    ]);
    expect(engine.failures().map((f) => f.id)).toEqual(['t:flaky[bad]']);
    expect(engine.skipped()).toEqual([
      { id: 't:sleep[mid]', why: 'depends on t:flaky[bad], which failed' },
      { id: 't:sleep[end]', why: 'depends on t:sleep[mid], which was skipped' },
    ]);
    expect(engine.worker('t:sleep[free]')!.applied).toBe(1);
  });

  it('a long chain behind a failure is skipped to its end (no deep recursion)', async () => {
    const lines: string[] = [];
    // No autogroup: grouping a 10,000-long chain of groupable vertices is slow and beside the point.
    engine = testEngine({ stateRoot: dir, autogroup: false }, lines);
    const chain = [vtx('t:flaky', 'root', { fail: 5 }), ...Array.from({ length: 10_000 }, (_, i) => vtx('t:sleep', `n${i}`, { inState: 'yes' }))];
    await engine.swap(graphOf(chain, chain.slice(1).map((v, i) => [chain[i], v] as [typeof v, typeof v])));
    expect(await engine.waitConverged(30_000)).toBe(true);
    expect(engine.skipped().length).toBe(10_000);
    expect(lines.at(-1)).toBe('warn: t:sleep[n9999]: skipped: depends on t:sleep[n9998], which was skipped');
  }, 60_000);

  it('is no longer skipped once the dependency recovers', async () => {
    const lines: string[] = [];
    engine = testEngine({ stateRoot: dir }, lines);
    const bad = vtx('t:flaky', 'once', { fail: 1 });
    const dep = vtx('t:sleep', 'dep', { inState: 'yes' });
    await engine.swap(graphOf([bad, dep], [[bad, dep]]));
    expect(await engine.waitConverged(5000)).toBe(true);
    expect(engine.skipped().map((s) => s.id)).toEqual(['t:sleep[dep]']);
    engine.worker('t:flaky[once]')!.event(); // as a Watch event would
    expect(await engine.waitConverged(5000)).toBe(true);
    expect(engine.failures()).toEqual([]);
    expect(engine.skipped()).toEqual([]);
    expect(engine.worker('t:sleep[dep]')!.applied).toBe(1);
  });
});
