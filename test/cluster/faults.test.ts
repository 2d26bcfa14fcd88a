// What happens on faults, with real etcd processes and separate agents:
// kill -9 of agents (a member that does not decide, then the one that does),
// a dead etcd child, ports in use, no etcd program, seeds that reach nothing.

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { requireDist } from '../helpers/cli.js';
import { ENV, Harness, alive, etcdMissing, etcdPidsUnder, etcdctl, freePort, memberNames, until } from './harness.js';
import { describeNeeding } from '../helpers/components.js';
import type { Agent } from './harness.js';

let h: Harness;
beforeAll(() => requireDist());
afterEach(() => h?.teardown());

async function members(agents: Agent[], names: string[], ms = 20_000): Promise<number> {
  const eps = agents.map((a) => a.client);
  return until(() => JSON.stringify(memberNames(eps)) === JSON.stringify(names), ms, () => `members ${JSON.stringify(memberNames(eps))}, want ${JSON.stringify(names)}\n${agents.map((a) => `--- ${a.host}\n${a.err()}`).join('\n')}`);
}

function leader(eps: string[]): string {
  return etcdctl(eps, ['get', '/_mgmt/leader', '--print-value-only']).out.trim();
}

describeNeeding('faults', etcdMissing, () => {
  it('kill -9 of a member, then of the deciding agent: the rest keep serving, no etcd is orphaned', { timeout: 120_000 }, async () => {
    h = new Harness();
    const h1 = await h.start(1, ['--cluster', '--ideal-cluster-size', '3']);
    await h1.waitFor(/joined the cluster as h1/);
    const seeds = ['--seeds', h1.client];
    const others = [await h.start(2, seeds), await h.start(3, seeds), await h.start(4, seeds), await h.start(5, seeds)];
    const all = [h1, ...others];
    const byName = (n: string) => all.find((a) => a.host === n)!;
    // Which two volunteers get in depends on who volunteered first.
    let names: string[] = [];
    await until(() => (names = memberNames([h1.client]) ?? []).length === 3 && names.every((n) => /^h\d$/.test(n)), 20_000, () => `members ${JSON.stringify(names)}`);
    expect(names[0]).toBe('h1');
    expect(leader([h1.client])).toBe('h1');

    // kill -9 of a member's agent (not the deciding one): its etcd dies with it, and a volunteer replaces the member.
    const victim = byName(names[1]);
    const etcdV = victim.etcdPid()!;
    expect(alive(etcdV)).toBe(true);
    let t = performance.now();
    victim.proc.kill('SIGKILL');
    await until(() => !alive(etcdV), 2000, `${victim.host}'s etcd outlived its agent`);
    const after = all.filter((a) => a !== victim);
    await until(() => {
      const m = memberNames(after.map((a) => a.client)) ?? [];
      return m.length === 3 && m.every((n) => /^h\d$/.test(n)) && !m.includes(victim.host);
    }, 20_000, () => `members ${JSON.stringify(memberNames(after.map((a) => a.client)))}\n${after.map((a) => a.err()).join('\n')}`);
    const replaced = performance.now() - t;
    expect(etcdctl(after.map((a) => a.client), ['put', 'a', '1']).code).toBe(0);

    // kill -9 of h1, the deciding agent and the first member: another agent takes over.
    const etcd1 = h1.etcdPid()!;
    t = performance.now();
    h1.proc.kill('SIGKILL');
    await until(() => !alive(etcd1), 2000, 'h1\'s etcd outlived its agent');
    const live = after.filter((a) => a !== h1);
    const liveNames = live.map((a) => a.host).sort();
    await until(() => liveNames.includes(leader(live.map((a) => a.client))), 20_000, () => `no new leader\n${live.map((a) => a.err()).join('\n')}`);
    await members(live, liveNames);
    const takenOver = performance.now() - t;
    // The cluster serves, with its data: written before, read after.
    for (const a of live) expect(etcdctl([a.client], ['get', 'a', '--print-value-only']).out.trim()).toBe('1');
    expect(etcdctl([live[0].client], ['put', 'b', '2']).code).toBe(0);
    for (const a of live) expect(a.proc.exitCode).toBeNull();
    // Only the three live members' etcd processes exist.
    expect(etcdPidsUnder(h.dir).sort()).toEqual(live.map((a) => a.etcdPid()).sort());
    if (process.env.CLUSTER_DEBUG) for (const a of live) console.log(`--- ${a.host}\n${a.err()}`);
    console.log(`faults timings: member agent killed → replaced ${replaced.toFixed(0)} ms; deciding agent killed → new leader and 3 members ${takenOver.toFixed(0)} ms (lease TTL ${ENV.MGMT_CLUSTER_TTL} s)`);

    // Restarted with --cluster on the old data of a removed member: a clear error.
    const stale = h.spawn('h1', ['--cluster', '--client-urls', h1.client, '--server-urls', h1.server], h1.client, h1.server);
    expect(await stale.exited).toBe(1);
    expect(stale.err()).toMatch(/from a cluster that went on without it: join that cluster with --seeds URL/);
    // An agent restarted on the prefix of a killed one rejoins with --seeds.
    const h1b = h.spawn('h1', ['--client-urls', h1.client, '--server-urls', h1.server, '--seeds', live[0].client], h1.client, h1.server);
    await h1b.waitFor(/joined the cluster as h1, volunteering/);
    expect(etcdctl([live[0].client], ['put', '/_mgmt/idealClusterSize', '4']).code).toBe(0);
    await members([...live, h1b], ['h1', ...liveNames]);
  });

  it('a client whose cluster is gone keeps running and says so, then says when it is back', { timeout: 60_000 }, async () => {
    h = new Harness();
    const h1 = await h.start(1, ['--cluster']);
    await h1.waitFor(/joined the cluster as h1/);
    const h2 = await h.start(2, ['--seeds', h1.client, '--no-server']);
    await h2.waitFor(/joined the cluster as h2 \(client only\)/);
    expect(etcdctl([h1.client], ['get', '--prefix', '/_mgmt/volunteers/', '--keys-only']).out).not.toContain('h2');
    // The only member stops (SIGTERM: it keeps its data), and comes back on it.
    h1.proc.kill('SIGTERM');
    expect(await h1.exited).toBe(143);
    await h2.waitFor(/etcd is unreachable: .*keeping the running graph; retrying/);
    expect(h2.proc.exitCode).toBeNull();
    const h1b = h.spawn('h1', ['--cluster', '--client-urls', h1.client, '--server-urls', h1.server], h1.client, h1.server);
    await h1b.waitFor(/etcd member h1 is serving clients at .* \(on its earlier data\)/);
    await h2.waitFor(/etcd is reachable again/);
    h2.proc.kill('SIGTERM');
    expect(await h2.exited).toBe(143);
  });

  it('restarts its etcd when etcd dies on its own', { timeout: 60_000 }, async () => {
    h = new Harness();
    const h1 = await h.start(1, ['--cluster']);
    await h1.waitFor(/joined the cluster as h1/);
    expect(etcdctl([h1.client], ['put', 'k', 'v']).code).toBe(0);
    const pid = h1.etcdPid()!;
    process.kill(pid, 'SIGKILL');
    await h1.waitFor(/etcd member h1 died .*restarting it/);
    await until(() => etcdctl([h1.client], ['get', 'k', '--print-value-only']).out.trim() === 'v', 10_000, 'etcd did not come back with its data');
    expect(h1.etcdPid()).not.toBe(pid);
    h1.proc.kill('SIGTERM');
    expect(await h1.exited).toBe(143);
    expect(etcdPidsUnder(h.dir)).toEqual([]);
  });

  it('the next start on a prefix kills an etcd orphaned there, and serves its data', async () => {
    h = new Harness();
    const ip = '127.0.0.1';
    const c = `http://${ip}:${await freePort(ip)}`;
    const s = `http://${ip}:${await freePort(ip)}`;
    const prefix = join(h.dir, 'h1');
    mkdirSync(prefix);
    // An etcd as an agent that died without pdeathsig would leave it: on the agent's data, ports and pid file.
    const orphan = spawn('etcd', ['--name', 'h1', '--data-dir', join(prefix, 'etcd'), '--listen-client-urls', c, '--advertise-client-urls', c, '--listen-peer-urls', s, '--initial-advertise-peer-urls', s, '--initial-cluster', `h1=${s}`, '--logger', 'zap', '--log-outputs', join(prefix, 'orphan.log')], { detached: true, stdio: 'ignore' });
    orphan.unref();
    writeFileSync(join(prefix, 'etcd.pid'), `${orphan.pid}\n`);
    await until(() => etcdctl([c], ['put', 'k', 'before']).code === 0, 10_000, 'the orphan etcd did not start');
    const a = h.spawn('h1', ['--cluster', '--client-urls', c, '--server-urls', s], c, s);
    await a.waitFor(/killing etcd \(pid \d+\) left running on .*etcd by an earlier agent/);
    await a.waitFor(/joined the cluster as h1/);
    expect(alive(orphan.pid!)).toBe(false);
    expect(a.etcdPid()).not.toBe(orphan.pid);
    expect(etcdctl([c], ['get', 'k', '--print-value-only']).out.trim()).toBe('before');
  });

  it('a nominated host that cannot start its member gives the quorum back and withdraws', { timeout: 60_000 }, async () => {
    h = new Harness();
    const h1 = await h.start(1, ['--cluster', '--ideal-cluster-size', '1']);
    await h1.waitFor(/joined the cluster as h1/);
    const h2 = await h.start(2, ['--seeds', h1.client]);
    await h2.waitFor(/joined the cluster as h2, volunteering/);
    // Someone takes h2's peer port after it volunteered.
    const squatter = createServer();
    const { hostname, port } = new URL(h2.server);
    await new Promise<void>((r) => squatter.listen(Number(port), hostname, () => r()));
    try {
      expect(etcdctl([h1.client], ['put', '/_mgmt/idealClusterSize', '2']).code).toBe(0);
      await h2.waitFor(/could not start this host's etcd member: .*address already in use.*; withdrawing for 30 s/);
      await until(() => JSON.stringify(memberNames([h1.client])) === '["h1"]', 10_000, () => `members ${JSON.stringify(memberNames([h1.client]))}`);
      expect(etcdctl([h1.client], ['put', 'k', 'v']).code).toBe(0);
      expect(etcdctl([h1.client], ['get', '--prefix', '/_mgmt/volunteers/', '--keys-only']).out).not.toContain('h2');
      expect(h2.proc.exitCode).toBeNull();
    } finally {
      squatter.close();
    }
  });

  it('a second agent on ports in use exits 1 saying so, and the first keeps running', async () => {
    h = new Harness();
    const h1 = await h.start(1, ['--cluster']);
    await h1.waitFor(/joined the cluster as h1/);
    const port = await freePort('127.0.0.1');
    // Same client port: refused before any etcd starts.
    const t0 = performance.now();
    const h2 = h.spawn('h2', ['--cluster', '--client-urls', h1.client, '--server-urls', `http://127.0.0.1:${port}`], h1.client, '');
    expect(await h2.exited).toBe(1);
    expect(h2.err()).toMatch(/cannot start an etcd member: http:\/\/127\.0\.0\.1:\d+ \(--client-urls\): address already in use/);
    expect(performance.now() - t0).toBeLessThan(10_000);
    // Same peer port, as a volunteer joining with --seeds.
    const h3 = h.spawn('h3', ['--seeds', h1.client, '--client-urls', `http://127.0.0.3:${port}`, '--server-urls', h1.server], '', '');
    expect(await h3.exited).toBe(1);
    expect(h3.err()).toMatch(/\(--server-urls\): address already in use/);
    expect(h1.proc.exitCode).toBeNull();
    expect(etcdctl([h1.client], ['endpoint', 'health']).code).toBe(0);
  });

  it('names the Debian package when etcd is missing, and says how to start a cluster when --seeds reach nothing', async () => {
    h = new Harness();
    const ip = '127.0.0.1';
    const c = `http://${ip}:${await freePort(ip)}`;
    const s = `http://${ip}:${await freePort(ip)}`;
    const a = h.spawn('h1', ['--cluster', '--client-urls', c, '--server-urls', s], c, s, { ...ENV, MGMT_ETCD: '/nonexistent/etcd' });
    expect(await a.exited).toBe(1);
    expect(a.err()).toMatch(/etcd program was not found at \/nonexistent\/etcd.*install the Debian package etcd-server/);

    const t0 = performance.now();
    const b = h.spawn('h2', ['--seeds', c], c, s);
    expect(await b.exited).toBe(1);
    expect(b.err()).toMatch(/no etcd answered at --seeds http:\/\/127\.0\.0\.1:\d+ .*start the first host of the cluster with --cluster/);
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});
