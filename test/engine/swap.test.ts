import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/engine.js';
import { vertexDiff } from '../../src/engine/swap.js';
import { graphOf, resetJournal, starts, testEngine, vtx, wait } from './helpers.js';

let engine: Engine | undefined;
let dir: string;
beforeEach(() => {
  resetJournal();
  dir = mkdtempSync(join(tmpdir(), 'mgmt-swap-'));
});
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('swap', () => {
  it('keeps equal vertices running without re-applying them, starts new ones', async () => {
    engine = testEngine();
    await engine.swap(graphOf([vtx('t:sleep', 'a', { ms: 5 }), vtx('t:sleep', 'b', { ms: 5 })]));
    await engine.waitConverged(2000);
    const before = engine.worker('t:sleep[a]');
    // A fresh graph from the frontend: new objects, same desired state for a and b, plus c.
    await engine.swap(graphOf([vtx('t:sleep', 'a', { ms: 5 }), vtx('t:sleep', 'b', { ms: 5 }), vtx('t:sleep', 'c', { ms: 5 })]));
    await engine.waitConverged(2000);
    expect(engine.worker('t:sleep[a]')).toBe(before);
    expect(starts('t:sleep[a]').length).toBe(1);
    expect(starts('t:sleep[b]').length).toBe(1);
    expect(starts('t:sleep[c]').length).toBe(1);
  });

  it('replaces a changed vertex and stops a removed one', async () => {
    const f1 = join(dir, 'f1');
    const f2 = join(dir, 'f2');
    engine = testEngine();
    await engine.swap(graphOf([vtx('t:file', f1, { content: 'one' }), vtx('t:file', f2, { content: 'two' })]));
    await engine.waitConverged(2000);
    await engine.swap(graphOf([vtx('t:file', f1, { content: 'uno' })]));
    await engine.waitConverged(2000);
    expect(readFileSync(f1, 'utf8')).toBe('uno');
    expect(engine.worker(`t:file[${f2}]`)).toBeUndefined();
    // f2 is no longer managed: its Watch is gone, so removing it is not repaired.
    rmSync(f2);
    await wait(200);
    expect(existsSync(f2)).toBe(false);
  });

  it('rewires edges in place: a kept vertex waits for a new dependency only when it runs again', async () => {
    engine = testEngine();
    const a = vtx('t:sleep', 'a', { ms: 5 });
    await engine.swap(graphOf([a]));
    await engine.waitConverged(2000);
    const a2 = vtx('t:sleep', 'a', { ms: 5 });
    // z is in state, so it pokes nobody (a changed z would poke a, as any dependency does).
    const z = vtx('t:sleep', 'z', { ms: 100, inState: 'yes' });
    await engine.swap(graphOf([a2, z], [[z, a2]]));
    await engine.waitConverged(2000);
    expect(starts('t:sleep[a]').length).toBe(1);
    expect(engine.worker('t:sleep[a]')!.deps.map((d) => d.id)).toEqual(['t:sleep[z]']);
  });

  it('Meta:realize lets a removed vertex apply once before it goes', async () => {
    for (const realize of [true, false]) {
      resetJournal();
      engine = testEngine();
      const a = vtx('t:sleep', 'a', { ms: 200 });
      const r = vtx('t:sleep', 'r', { ms: 1 }, { realize });
      const first = engine.swap(graphOf([a, r], [[a, r]]));
      await first;
      await engine.swap(graphOf([]));
      expect(starts('t:sleep[r]').length).toBe(realize ? 1 : 0);
      await engine.stop();
      engine = undefined;
    }
  });

  it('compares by the kind cmp, meta params and send/recv wiring', () => {
    expect(vertexDiff(vtx('noop', 'x'), vtx('noop', 'x'))).toBeUndefined();
    expect(vertexDiff(vtx('print', 'x', { msg: 'a' }), vtx('print', 'x', { msg: 'b' }))).toBe('the Msg differs');
    expect(vertexDiff(vtx('noop', 'x', {}, { retry: 1 }), vtx('noop', 'x'))).toBe('the meta params differ');
    const s = vtx('noop', 's');
    const r = vtx('print', 'r');
    r.recv = new Map([['msg', { from: s, key: 'x' }]]);
    expect(vertexDiff(r, vtx('print', 'r'))).toBe('the send/recv wiring differs');
  });
});
