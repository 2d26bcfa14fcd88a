// The scheduler: its strategies, the one-machine scheduler of the embedded
// World, and the etcd one against a real etcd with several Worlds (hosts) in
// this process — upstream's key layout read back with etcdctl, one decision
// that every host sees, withdraw, a clean stop, persist. Killed agents (real
// processes, kill -9) are in test/cluster/schedule.test.ts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { EtcdWorld } from '../../src/world/etcd.js';
import { EmbeddedWorld } from '../../src/world/embedded.js';
import { DEFAULT_OPTIONS, STRATEGIES, decodeOptions, encodeOptions } from '../../src/world/scheduler.js';
import type { ScheduleOptions } from '../../src/world/scheduler.js';
import { startEtcd } from '../helpers/etcd.js';
import type { TestEtcd } from '../helpers/etcd.js';
import { describeNeeding, commandMissing } from '../helpers/components.js';

const opts = (o: Partial<ScheduleOptions> = {}): ScheduleOptions => ({ ...DEFAULT_OPTIONS, ...o });

async function until(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('strategies', () => {
  it('rr keeps the chosen hosts in place, queues newcomers and fills a gap with the next', async () => {
    const rr = STRATEGIES.rr();
    const none = async () => [];
    expect(await rr.schedule(['b', 'a'], 2, none)).toEqual(['a', 'b']);
    expect(await rr.schedule(['c', 'b', 'a'], 2, none)).toEqual(['a', 'b']);
    expect(await rr.schedule(['c', 'a'], 2, none)).toEqual(['a', 'c']);
    // b is back: it queues behind c.
    expect(await rr.schedule(['a', 'b', 'c'], 2, none)).toEqual(['a', 'c']);
    expect(await rr.schedule(['a', 'b', 'c'], 0, none)).toEqual([]);
    // A new decider starts from the stored decision.
    expect(await STRATEGIES.rr().schedule(['a', 'b', 'c'], 2, async () => ['c', 'b'])).toEqual(['c', 'b']);
  });

  it('alpha takes the first hosts by name', async () => {
    expect(await STRATEGIES.alpha().schedule(['c', 'b', 'a'], 2, async () => ['c'])).toEqual(['a', 'b']);
  });

  it('stores options as upstream does (a query string, sorted keys) and reads them back', () => {
    expect(encodeOptions(opts({ max: 2 }))).toBe('maxCount=2&persist=false&sessionTTL=10&strategy=rr');
    expect(decodeOptions('maxCount=3&persist=true&sessionTTL=4&strategy=alpha')).toEqual({ strategy: 'alpha', max: 3, persist: true, ttl: 4 });
    expect(decodeOptions('strategy=nope&maxCount=x')).toEqual(DEFAULT_OPTIONS);
  });
});

describe('the embedded World (one machine)', () => {
  it('chooses this host once a schedule resource put it in, and none after it withdraws', async () => {
    const w = new EmbeddedWorld();
    const seen: string[][] = [];
    w.scheduler.watch('ns', (h) => seen.push(h));
    await until(() => seen.length === 1);
    expect(await w.scheduler.add('h1', 'ns', opts(), false)).toBe(false);
    expect(seen).toEqual([[]]);
    expect(await w.scheduler.add('h1', 'ns', opts(), true)).toBe(false);
    expect(await w.scheduler.add('h1', 'ns', opts(), true)).toBe(true);
    expect(seen).toEqual([[], ['h1']]);
    expect(await w.scheduler.withdraw('h1', 'ns', true)).toBe(false);
    expect(await w.scheduler.withdraw('h1', 'ns', true)).toBe(true);
    expect(seen).toEqual([[], ['h1'], []]);
    await w.close();
  });
});

const etcdMissing = commandMissing('etcd', 'etcd-server') ?? commandMissing('etcdctl', 'etcd-client', ['version']);

describeNeeding('the etcd scheduler', etcdMissing, () => {
  let etcd: TestEtcd;
  const worlds: EtcdWorld[] = [];
  const world = (hostname: string) => {
    const w = new EtcdWorld({ endpoints: [etcd.url], hostname });
    worlds.push(w);
    return w;
  };
  const etcdctl = (...args: string[]) => execFileSync('etcdctl', ['--endpoints', etcd.url, ...args], { encoding: 'utf8', env: { ...process.env, ETCDCTL_API: '3' } });

  beforeAll(async () => {
    etcd = await startEtcd();
  });
  afterAll(async () => {
    for (const w of worlds) await w.close().catch(() => undefined);
    etcd?.kill();
  });

  it('three hosts with max 2: two chosen, every host agrees; withdraw and a clean stop make room for the third', async () => {
    const [a, b, c] = ['sa', 'sb', 'sc'].map(world);
    const seen = new Map<string, string[]>();
    for (const w of [a, b, c]) {
      const name = (w as unknown as { hostname: string }).hostname;
      w.scheduler.watch('web', (h) => seen.set(name, h));
    }
    const agree = (want: (h: string[]) => boolean) => () => {
      const v = [...seen.values()].map((h) => h.join(','));
      return seen.size === 3 && new Set(v).size === 1 && want([...seen.values()][0]);
    };
    await until(agree((h) => h.length === 0), 5000, 'an empty first decision');
    for (const [w, h] of [[a, 'sa'], [b, 'sb'], [c, 'sc']] as const) expect(await w.scheduler.add(h, 'web', opts({ max: 2 }), true)).toBe(false);
    await until(agree((h) => h.length === 2), 5000, 'two chosen');
    const chosen = seen.get('sa')!;
    expect(etcdctl('get', '/_mgmt/scheduler/schedule/web', '--print-value-only').trim()).toBe(chosen.join(','));
    expect(etcdctl('get', '/_mgmt/scheduler/hostname/sb/web', '--print-value-only').trim()).toBe('maxCount=2&persist=false&sessionTTL=10&strategy=rr');
    const electionKeys = () => etcdctl('get', '--prefix', '/_mgmt/scheduler/election/', '--keys-only').split('\n').filter(Boolean).sort().join(' ');
    await until(() => electionKeys() === ['sa', 'sb', 'sc'].map((h) => `/_mgmt/scheduler/election/${h}`).join(' '), 3000, 'every host campaigning');
    // Unchanged: nothing to do.
    expect(await a.scheduler.add('sa', 'web', opts({ max: 2 }), true)).toBe(true);

    // Withdraw one of the chosen: the third takes its place.
    const out = chosen[0];
    const other = ['sa', 'sb', 'sc'].find((h) => !chosen.includes(h))!;
    const byName = { sa: a, sb: b, sc: c } as Record<string, EtcdWorld>;
    expect(await byName[out].scheduler.withdraw(out, 'web', true)).toBe(false);
    expect(await byName[out].scheduler.withdraw(out, 'web', true)).toBe(true);
    await until(agree((h) => h.join(',') === [chosen[1], other].sort().join(',')), 5000, 'the third in place of the withdrawn');

    // A clean stop of a chosen host (no ttl given): its entry goes at once, and so does its election key.
    const stopping = chosen[1];
    const t0 = Date.now();
    seen.delete(stopping);
    await byName[stopping].close();
    await until(() => seen.size === 2 && [...seen.values()].every((h) => h.join(',') === other), 3000, 'only the third left');
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(etcdctl('get', '--prefix', '/_mgmt/scheduler/hostname/', '--keys-only').split('\n').filter(Boolean)).toEqual([`/_mgmt/scheduler/hostname/${other}/web`]);
  });

  it('persist keeps an entry after its host stops; a namespace whose hosts are all gone is deleted', async () => {
    const p = world('pa');
    const q = world('pb');
    let seen: string[] | undefined;
    q.scheduler.watch('db', (h) => (seen = h));
    await p.scheduler.add('pa', 'db', opts({ persist: true }), true);
    await q.scheduler.add('pb', 'tmp', opts(), true);
    await until(() => seen?.join(',') === 'pa', 5000, 'pa chosen');
    await p.close();
    expect(etcdctl('get', '/_mgmt/scheduler/hostname/pa/db', '--print-value-only').trim()).toBe('maxCount=1&persist=true&sessionTTL=10&strategy=rr');
    expect(seen).toEqual(['pa']);
    await q.scheduler.withdraw('pb', 'tmp', true);
    await until(() => etcdctl('get', '/_mgmt/scheduler/schedule/tmp').trim() === '', 5000, 'schedule/tmp deleted');
  });
});
