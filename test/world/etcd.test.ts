// The etcd World against a real etcd: upstream's key layout (read back with
// etcdctl), watches instead of polls, exports and collection between hosts,
// converged states under leases, and an etcd that goes away and comes back.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { EtcdWorld } from '../../src/world/etcd.js';
import { mappedKey, mappedPrefix, exportedPrefix } from '../../src/world/keys.js';
import { startEtcd } from '../helpers/etcd.js';
import type { TestEtcd } from '../helpers/etcd.js';

let etcd: TestEtcd;
const worlds: EtcdWorld[] = [];

function world(hostname: string, convergedTTL?: number): EtcdWorld {
  const w = new EtcdWorld({ endpoints: [etcd.url], hostname, convergedTTL });
  worlds.push(w);
  return w;
}

function etcdctl(...args: string[]): string {
  return execFileSync('etcdctl', ['--endpoints', etcd.url, ...args], { encoding: 'utf8', env: { ...process.env, ETCDCTL_API: '3' } });
}

/** Resolves when `cb` has been called (via a World watch) and `check` holds. */
function until(check: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = async () => {
      if (await check()) return resolve();
      if (Date.now() > end) return reject(new Error('timed out'));
      setTimeout(tick, 20);
    };
    void tick();
  });
}

beforeAll(async () => {
  etcd = await startEtcd();
});

afterAll(async () => {
  for (const w of worlds) await w.close().catch(() => undefined);
  etcd?.kill();
});

describe('EtcdWorld', () => {
  it('keeps shared strings and per-host maps at upstream\'s keys', async () => {
    const a = world('ha');
    const b = world('hb');
    await a.set('greeting', 'hello');
    expect(etcdctl('get', '/_mgmt/strings/greeting', '--print-value-only').trim()).toBe('hello');
    expect(await b.get('greeting')).toBe('hello');
    await a.set(mappedKey('ns1', 'ha'), 'va');
    await b.set(mappedKey('ns1', 'hb'), 'vb');
    expect(etcdctl('get', '/_mgmt/strings/ns1/hb', '--print-value-only').trim()).toBe('vb');
    expect([...(await a.list(mappedPrefix('ns1')))]).toEqual([
      [mappedKey('ns1', 'ha'), 'va'],
      [mappedKey('ns1', 'hb'), 'vb'],
    ]);
    await a.delete('greeting');
    expect(await b.get('greeting')).toBeUndefined();
  });

  it('tells watchers of a change made anywhere, from the watch', async () => {
    const a = world('ha');
    await a.ready();
    let calls = 0;
    const stop = a.watch('colour', () => calls++);
    const t0 = performance.now();
    etcdctl('put', '/_mgmt/strings/colour', 'blue');
    await until(() => calls > 0);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(await a.get('colour')).toBe('blue');
    stop();
  });

  it('exports to * and to a host, collects what is meant for each host, and un-exports', async () => {
    const a = world('xa');
    const b = world('xb');
    const c = world('xc');
    await b.ready();
    let bSaw = 0;
    b.watch(exportedPrefix('file'), () => bSaw++);
    await a.exportResources('xa', [
      { kind: 'file', name: '/tmp/f1', host: 'xa', to: ['*'], params: { content: 'one\n' }, meta: { hidden: true } },
      { kind: 'file', name: '/tmp/f2', host: 'xa', to: ['xc'], params: { content: 'two\n' } },
    ]);
    expect(etcdctl('get', '--prefix', '/_mgmt/exported/', '--keys-only').split('\n').filter(Boolean).sort()).toEqual([
      '/_mgmt/exported/*/xa/file//tmp/f1',
      '/_mgmt/exported/xc/xa/file//tmp/f2',
    ]);
    await until(() => bSaw > 0);
    const atB = await b.collectResources('file', 'xb');
    expect(atB.map((r) => [r.host, r.name, r.params.content, r.meta?.hidden])).toEqual([['xa', '/tmp/f1', 'one\n', true]]);
    expect((await c.collectResources('file', 'xc')).map((r) => r.name)).toEqual(['/tmp/f1', '/tmp/f2']);
    expect(await c.collectResources('exec', 'xc')).toEqual([]);
    const before = bSaw;
    await a.exportResources('xa', [{ kind: 'file', name: '/tmp/f2', host: 'xa', to: ['xc'], params: { content: 'two\n' } }]);
    await until(() => bSaw > before);
    expect(await b.collectResources('file', 'xb')).toEqual([]);
    // A new run of the same host replaces what the last one left.
    const a2 = world('xa');
    await a2.exportResources('xa', []);
    expect(await c.collectResources('file', 'xc')).toEqual([]);
  });

  it('publishes converged states under a lease that a dead host loses', async () => {
    const a = world('ca', 1);
    const b = world('cb', 1);
    let seen = new Map<string, boolean>();
    a.watchConverged((m) => (seen = new Map(m)));
    a.setConverged(false);
    b.setConverged(true);
    await until(() => seen.get('ca') === false && seen.get('cb') === true);
    a.setConverged(true);
    await until(() => seen.get('ca') === true);
    // b dies without revoking: its lease runs out (TTL 1 s).
    const lease = (b as unknown as { lease: { release(): void } }).lease;
    lease.release();
    await until(() => !seen.has('cb'), 6000);
    expect(seen.get('ca')).toBe(true);
  });

  it('waits out an etcd that went away, and sees changes once it is back', async () => {
    const a = world('oa');
    await a.ready();
    await a.set('k', '1');
    let calls = 0;
    a.watch('k', () => calls++);
    await etcd.stop();
    const reading = a.get('k');
    await new Promise((r) => setTimeout(r, 500));
    await etcd.restart();
    expect(await reading).toBe('1');
    etcdctl('put', '/_mgmt/strings/k', '2');
    await until(() => calls > 0, 10_000);
    expect(await a.get('k')).toBe('2');
  });
});
