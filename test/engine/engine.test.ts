import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/engine.js';
import { graphOf, journal, received, resetJournal, span, starts, testEngine, vtx, wait } from './helpers.js';

let engine: Engine | undefined;
let dir: string;
beforeEach(() => {
  resetJournal();
  received.length = 0;
  dir = mkdtempSync(join(tmpdir(), 'mgmt-engine-'));
});
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('scheduling', () => {
  it('runs a chain in order and an independent vertex in parallel with it', async () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => vtx('t:sleep', n, { ms: 150 }));
    engine = testEngine();
    await engine.swap(graphOf([a, b, c, d], [[a, b], [b, c]]));
    // A hang guard only: on a loaded machine 450 ms of sleeps may take much longer.
    expect(await engine.waitConverged(30_000)).toBe(true);
    expect(span('t:sleep[b]').start).toBeGreaterThanOrEqual(span('t:sleep[a]').end);
    expect(span('t:sleep[c]').start).toBeGreaterThanOrEqual(span('t:sleep[b]').end);
    // d ran alongside a, not after the chain.
    expect(span('t:sleep[d]').start).toBeLessThan(span('t:sleep[a]').end);
  });

  it('pokes dependents only when something changed, with refresh along notify edges', async () => {
    const a = vtx('t:sleep', 'a', { ms: 10 });
    const b = vtx('t:sleep', 'b', { ms: 10, inState: 'yes' });
    const c = vtx('t:sleep', 'c', { ms: 10 });
    engine = testEngine();
    await engine.swap(graphOf([a, b, c], [[a, b, true], [b, c, true]]));
    await engine.waitConverged(2000);
    // a changed → b got a refresh; b was in state → c got none.
    expect(journal.filter((e) => e.what === 'refresh').map((e) => e.id)).toEqual(['t:sleep[b]']);
  });

  it('coalesces many events during one CheckApply into one more run', async () => {
    engine = testEngine();
    await engine.swap(graphOf([vtx('t:event', 'e', { ms: 500, n: 10, gap: 10 })]));
    await wait(200);
    expect(await engine.waitConverged(20_000)).toBe(true);
    // Read from the journal's order, so load cannot change the answer: between
    // two runs' starts there are events (no run without one), and none after the
    // last start (none lost). On an idle machine: the first run, ten events
    // during it, then one more run.
    const order = journal.map((e) => e.what).filter((w) => w === 'start' || w === 'event');
    const segments = order.join(' ').split('start').slice(1).map((s) => s.trim().split(' ').filter(Boolean).length);
    expect(segments.slice(0, -1).every((n) => n >= 1), order.join(' ')).toBe(true);
    expect(segments[segments.length - 1], order.join(' ')).toBe(0);
    // Coalesced: some run had several events come during it, and only one run followed.
    expect(Math.max(...segments), order.join(' ')).toBeGreaterThanOrEqual(2);
  });
});

describe('failures', () => {
  it('retries a flaky resource with its delay and recovers', async () => {
    engine = testEngine();
    await engine.swap(graphOf([vtx('t:flaky', 'f', { fail: 2 }, { retry: 3, delay: 100 })]));
    expect(await engine.waitConverged(20_000)).toBe(true);
    const s = starts('t:flaky[f]');
    expect(s.length).toBe(3);
    expect(s[1].t - s[0].t).toBeGreaterThanOrEqual(90);
    expect(engine.failures()).toEqual([]);
  });

  it('fails permanently when retries run out, blocking dependents but not independent vertices', async () => {
    const f = vtx('t:flaky', 'f', { fail: 5 }, { retry: 1 });
    const after = vtx('t:sleep', 'after', { ms: 1 });
    const other = vtx('t:sleep', 'other', { ms: 1 });
    engine = testEngine();
    await engine.swap(graphOf([f, after, other], [[f, after]]));
    expect(await engine.waitConverged(20_000)).toBe(true);
    expect(starts('t:flaky[f]').length).toBe(2);
    expect(starts('t:sleep[after]').length).toBe(0);
    expect(starts('t:sleep[other]').length).toBe(1);
    expect(engine.failures().map((x) => x.id)).toEqual(['t:flaky[f]']);
    // A later event that succeeds unblocks the dependent.
    engine.worker('t:flaky[f]')!.units[0].spec.params.set('fail', 0n);
    engine.worker('t:flaky[f]')!.event();
    await wait(100);
    expect(engine.failures()).toEqual([]);
    expect(starts('t:sleep[after]').length).toBe(1);
  });

  it('a hanging CheckApply times out (Meta:timeout) and fails only that vertex', async () => {
    const lines: string[] = [];
    const h = vtx('t:hang', 'h', {}, { timeout: 100 });
    const ok = vtx('t:sleep', 'ok', { ms: 1 });
    engine = testEngine({}, lines);
    await engine.swap(graphOf([h, ok]));
    expect(await engine.waitConverged(20_000)).toBe(true);
    expect(engine.failures().map((f) => f.id)).toEqual(['t:hang[h]']);
    expect(lines.some((l) => l.includes('t:hang[h]: CheckApply failed: CheckApply timed out after 100 ms'))).toBe(true);
    expect(starts('t:sleep[ok]').length).toBe(1);
  });

  it('a kind without an implementation fails its vertex with a clear message', async () => {
    const lines: string[] = [];
    engine = testEngine({ kinds: () => ({ kind: 'nope', doc: '', params: [] }) }, lines);
    await engine.swap(graphOf([vtx('nope', 'x')]));
    expect(await engine.waitConverged(20_000)).toBe(true);
    expect(engine.failures()[0].why).toMatch(/the `nope` resource kind cannot run yet/);
    expect(lines.some((l) => l.startsWith('error: nope[x]: failed permanently'))).toBe(true);
  });

  it('retries a failing Watch with its own counter', async () => {
    engine = testEngine();
    await engine.swap(graphOf([vtx('t:badwatch', 'w', { fail: 2 }, { retry: 2, delay: 20 })]));
    expect(await engine.waitConverged(20_000)).toBe(true);
    expect(engine.failures()).toEqual([]);
    expect(starts('t:badwatch[w]').length).toBe(1);
  });
});

describe('meta params', () => {
  it('noop (global or per resource) leaves the disk untouched', async () => {
    const f1 = join(dir, 'f1');
    const f2 = join(dir, 'f2');
    engine = testEngine();
    await engine.swap(graphOf([vtx('t:file', f1, { content: 'x' }, { noop: true }), vtx('t:file', f2, { content: 'y' })]));
    await engine.waitConverged(2000);
    expect(existsSync(f1)).toBe(false);
    expect(readFileSync(f2, 'utf8')).toBe('y');
    await engine.stop();
    engine = testEngine({ noop: true });
    await engine.swap(graphOf([vtx('t:file', join(dir, 'f3'), { content: 'z' })]));
    await engine.waitConverged(2000);
    expect(existsSync(join(dir, 'f3'))).toBe(false);
  });

  it('sema lock:1 serialises and lock:2 runs two at a time', async () => {
    // The most CheckApplys running at once, from the journal's order (not its clock,
    // so load cannot change the answer).
    const run = async (sema: string) => {
      resetJournal();
      engine = testEngine();
      const vs = ['a', 'b', 'c', 'd'].map((n) => vtx('t:sleep', n, { ms: 150 }, { sema: [sema], autogroup: false }));
      await engine.swap(graphOf(vs));
      expect(await engine.waitConverged(30_000)).toBe(true);
      await engine.stop();
      engine = undefined;
      let running = 0;
      let most = 0;
      for (const e of journal) {
        if (e.what === 'start') most = Math.max(most, ++running);
        if (e.what === 'end') running--;
      }
      expect(journal.filter((e) => e.what === 'end')).toHaveLength(4);
      return most;
    };
    expect(await run('lock:1')).toBe(1);
    expect(await run('lock:2')).toBe(2);
  });

  it('--sema N limits every resource', async () => {
    engine = testEngine({ sema: 1, autogroup: false });
    const vs = ['a', 'b', 'c'].map((n) => vtx('t:sleep', n, { ms: 100 }));
    await engine.swap(graphOf(vs));
    expect(await engine.waitConverged(30_000)).toBe(true);
    // One at a time: each CheckApply starts after the one before it ended.
    expect(journal.map((e) => e.what)).toEqual(['start', 'end', 'start', 'end', 'start', 'end']);
  });

  it('limit/burst delays events over the rate and replays the last one', async () => {
    engine = testEngine();
    // 5 events/s, burst 1: eleven runs wanted within ~100 ms.
    await engine.swap(graphOf([vtx('t:event', 'e', { ms: 1, n: 10, gap: 10 }, { limit: 5, burst: 1 })]));
    await wait(150);
    expect(await engine.waitConverged(20_000)).toBe(true);
    const s = starts('t:event[e]');
    const events = journal.filter((e) => e.what === 'event');
    // Not dropped: a run starts after the last event. Delayed: runs are at least
    // the rate's 200 ms apart (a lower bound, which load only widens).
    expect(s.length).toBeGreaterThanOrEqual(2);
    expect(s[s.length - 1].t).toBeGreaterThan(events[events.length - 1].t);
    for (let i = 1; i < s.length; i++) expect(s[i].t - s[i - 1].t, `runs ${i - 1} and ${i}`).toBeGreaterThanOrEqual(190);
    // On an idle machine the eleven runs wanted within ~100 ms become two or three.
    expect(s.length).toBeLessThan(11);
  });

  it('poll replaces Watch', async () => {
    engine = testEngine();
    await engine.swap(graphOf([vtx('t:sleep', 'p', { ms: 1, inState: 'yes' }, { poll: 1 })]));
    await wait(1300);
    expect(starts('t:sleep[p]').length).toBe(2);
  });

  it('hidden vertices never run', async () => {
    engine = testEngine();
    await engine.swap(graphOf([vtx('t:sleep', 'h', { ms: 1 }, { hidden: true })]));
    await engine.waitConverged(1000);
    expect(starts('t:sleep[h]').length).toBe(0);
  });
});

describe('files repaired by Watch', () => {
  it('puts back a removed or edited file', async () => {
    const f = join(dir, 'f');
    engine = testEngine();
    await engine.swap(graphOf([vtx('t:file', f, { content: 'hello\n' })]));
    await engine.waitConverged(2000);
    expect(readFileSync(f, 'utf8')).toBe('hello\n');
    unlinkSync(f);
    await wait(300);
    expect(readFileSync(f, 'utf8')).toBe('hello\n');
    writeFileSync(f, 'blah\n');
    await wait(300);
    expect(readFileSync(f, 'utf8')).toBe('hello\n');
  });
});

describe('send/recv', () => {
  it('delivers the sent value before the receiver runs, and again when it changes', async () => {
    const s = vtx('t:send', 's', { value: 'one' });
    const r = vtx('t:recv', 'r', { in: 'placeholder' });
    r.recv = new Map([['in', { from: s, key: 'out' }]]);
    engine = testEngine();
    await engine.swap(graphOf([s, r], [[s, r]]));
    await engine.waitConverged(2000);
    expect(received).toEqual(['one']);
    expect(engine.specOf('t:recv[r]')!.params.get('in')).toBe('one');
  });

  it('a value that does not fit the param fails only the receiver', async () => {
    const s = vtx('t:send', 's', { value: 42 });
    const r = vtx('t:recv', 'r', { in: 'keep' });
    r.recv = new Map([['in', { from: s, key: 'out' }]]);
    const lines: string[] = [];
    engine = testEngine({}, lines);
    await engine.swap(graphOf([s, r], [[s, r]]));
    await engine.waitConverged(2000);
    expect(engine.specOf('t:recv[r]')!.params.get('in')).toBe('keep');
    expect(lines.join('\n')).toContain('could not SendRecv: mismatch: t:send[s].out -> t:recv[r].in (string): cannot Into() 42 of type int into str');
    expect(engine.failures().map((f) => f.id)).toEqual(['t:recv[r]']);
  });
});
