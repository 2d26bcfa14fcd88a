// The seed's four-terminal clustering, with real etcd processes and four
// separate `mgmt run` agents on 127.0.0.1–4: h1 starts the cluster with ideal
// size 3, h2–h4 join with --seeds; the ideal size changes at run time with
// `etcdctl put /_mgmt/idealClusterSize N`; h2 leaves and rejoins; members
// come back on hosts (and URLs) that were members before.

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireDist } from '../helpers/cli.js';
import { Harness, alive, etcdMissing, etcdPidsUnder, etcdctl, memberNames, until } from './harness.js';
import { describeNeeding } from '../helpers/components.js';
import type { Agent } from './harness.js';

let h: Harness;

/** etcd's count of committed raft proposals, from its /metrics. */
async function proposals(client: string): Promise<number> {
  const text = await (await fetch(`${client}/metrics`)).text();
  return Number(/^etcd_server_proposals_committed_total (\S+)$/m.exec(text)![1]);
}
beforeAll(() => requireDist());
afterEach(() => h?.teardown());

/** Wait until `etcdctl member list`, asked of every agent's endpoint that answers, shows exactly `names`. */
async function members(agents: Agent[], names: string[], ms = 20_000): Promise<number> {
  const eps = agents.map((a) => a.client);
  return until(() => JSON.stringify(memberNames(eps)) === JSON.stringify(names), ms, () => `members ${JSON.stringify(memberNames(eps))}, want ${JSON.stringify(names)}\n${agents.map((a) => `--- ${a.host}\n${a.err()}`).join('\n')}`);
}

describeNeeding('clustering: volunteer, nominate, join', etcdMissing, () => {
  it('grows to the ideal size, follows it at run time, and lets hosts leave and rejoin', { timeout: 120_000 }, async () => {
    h = new Harness();
    const t0 = performance.now();
    const h1 = await h.start(1, ['--cluster', '--ideal-cluster-size', '3']);
    await h1.waitFor(/joined the cluster as h1/);
    const seeds = ['--seeds', h1.client];
    const tFirst = performance.now() - t0;
    const t1 = performance.now();
    const h2 = await h.start(2, seeds);
    const h3 = await h.start(3, seeds);
    await members([h1, h2, h3], ['h1', 'h2', 'h3']);
    const toThree = performance.now() - t0;
    const joinTwo = performance.now() - t1;
    // h4 volunteers but the cluster is full: it is a client.
    const h4 = await h.start(4, seeds);
    const all = [h1, h2, h3, h4];
    await h4.waitFor(/joined the cluster as h4, volunteering/);
    expect(memberNames([h1.client])).toEqual(['h1', 'h2', 'h3']);
    expect(etcdctl([h1.client], ['get', '/_mgmt/idealClusterSize', '--print-value-only']).out.trim()).toBe('3');

    // Idle, the agents write nothing: no raft proposal in 5 s on any member (lease keep-alives are not proposals).
    await new Promise((r) => setTimeout(r, 1500));
    const before = await Promise.all([h1, h2, h3].map((a) => proposals(a.client)));
    await new Promise((r) => setTimeout(r, 5000));
    expect(await Promise.all([h1, h2, h3].map((a) => proposals(a.client)))).toEqual(before);

    let t = performance.now();
    expect(etcdctl([h1.client], ['put', '/_mgmt/idealClusterSize', '5']).code).toBe(0);
    await members(all, ['h1', 'h2', 'h3', 'h4']);
    const toFour = performance.now() - t;

    t = performance.now();
    expect(etcdctl([h2.client], ['put', '/_mgmt/idealClusterSize', '1']).code).toBe(0);
    await members(all, ['h1']);
    const toOne = performance.now() - t;
    // The others stay on as clients: running, and their etcd gone.
    for (const a of [h2, h3, h4]) {
      expect(a.proc.exitCode).toBeNull();
      await a.waitFor(/left the cluster \(un-nominated\).*staying on as a client/);
      expect(a.etcdPid()).toBeUndefined();
    }
    expect(etcdPidsUnder(h.dir)).toHaveLength(1);

    // Grow again: members come back on hosts that were members before, on the same URLs.
    t = performance.now();
    expect(etcdctl([h1.client], ['put', '/_mgmt/idealClusterSize', '3']).code).toBe(0);
    await members(all, ['h1', 'h2', 'h3']);
    const backToThree = performance.now() - t;
    const list = etcdctl([h1.client], ['member', 'list']).out;
    expect(list).toContain(h2.server);
    expect(list).toContain(h3.server);

    // h2 leaves (SIGTERM): its member goes, and h4 takes its place.
    const from = h2.err().length;
    t = performance.now();
    h2.proc.kill('SIGTERM');
    expect(await h2.exited).toBe(143);
    expect(h2.err().slice(from), h2.err()).toMatch(/etcd member h2 left the cluster \(exiting\)/);
    await members(all, ['h1', 'h3', 'h4']);
    const replaced = performance.now() - t;
    // ... and rejoins on the same URLs as a volunteer (the cluster is full).
    const h2b = h.spawn('h2', ['--client-urls', h2.client, '--server-urls', h2.server, ...seeds], h2.client, h2.server);
    await h2b.waitFor(/joined the cluster as h2, volunteering/);
    expect(etcdctl([h1.client], ['put', '/_mgmt/idealClusterSize', '4']).code).toBe(0);
    await members([...all, h2b], ['h1', 'h2', 'h3', 'h4']);
    expect(etcdctl([h2b.client], ['put', 'k', 'v']).code).toBe(0);
    expect(etcdctl([h4.client], ['get', 'k', '--print-value-only']).out.trim()).toBe('v');

    console.log(
      `clustering timings: h1 serving ${tFirst.toFixed(0)} ms after its start; 3 members ${toThree.toFixed(0)} ms after h1 started, ${joinTwo.toFixed(0)} ms after h2 and h3 started; 3→4 ${toFour.toFixed(0)} ms; 4→1 ${toOne.toFixed(0)} ms; 1→3 ${backToThree.toFixed(0)} ms; h2 exits → replaced ${replaced.toFixed(0)} ms`,
    );

    // Everyone leaves cleanly, and no etcd is left behind.
    const rest = [h1, h3, h4, h2b];
    for (const a of rest) a.proc.kill('SIGTERM');
    for (const a of rest) expect(await a.exited).toBe(143);
    await until(() => etcdPidsUnder(h.dir).length === 0, 5000, 'etcd processes left running');
    for (const a of rest) {
      const pid = a.etcdPid();
      if (pid) expect(alive(pid)).toBe(false);
    }
  });
});
