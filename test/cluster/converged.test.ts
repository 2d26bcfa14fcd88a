// Cluster-wide convergence over a real etcd: with the etcd World,
// `--converged-timeout N` ends an agent only when every live host has been
// converged for N seconds, and a host that dies drops out when its lease
// (5 s) runs out instead of holding everyone forever.

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireDist } from '../helpers/cli.js';
import { startEtcd } from '../helpers/etcd.js';
import type { TestEtcd } from '../helpers/etcd.js';
import { startAgent, stopAgents } from '../helpers/agents.js';
import type { Agent } from '../helpers/agents.js';

let etcd: TestEtcd | undefined;
let base = '';
let agents: Agent[] = [];

beforeAll(() => requireDist());

afterEach(async () => {
  await stopAgents(agents);
  agents = [];
  etcd?.kill();
  rmSync(base, { recursive: true, force: true });
});

async function setup(): Promise<TestEtcd> {
  etcd = await startEtcd();
  base = mkdtempSync(join(tmpdir(), 'mgmt-converged-'));
  return etcd;
}

/** A host's graph: two files of its own, one exported to all, and every exported file collected. */
function hostGraph(h: string): string {
  const dir = join(base, `d${h}`);
  mkdirSync(dir, { recursive: true });
  const file = join(base, `${h}.yaml`);
  writeFileSync(file, `resources:
  file:
  - name: own${h}
    path: "${dir}/own${h}"
    content: "own\\n"
    state: exists
  - name: "@@shared${h}"
    path: "${dir}/shared${h}"
    content: "from ${h}\\n"
    state: exists
collect:
- kind: file
  pattern: "${dir}/"
`);
  return file;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('--converged-timeout across a cluster', () => {
  it('three agents with --converged-timeout 5 end together, once all are converged', async () => {
    const e = await setup();
    let lastStart = 0;
    for (const h of ['a', 'b', 'c']) {
      agents.push(startAgent(h, join(base, `p${h}`), ['--yaml', hostGraph(h), '--converged-timeout', '5', '--max-runtime', '40'], e.url));
      lastStart = Date.now();
      await sleep(1500);
    }
    const codes = await Promise.all(agents.map((a) => a.exited));
    expect(codes).toEqual([0, 0, 0]);
    const ends = agents.map((a) => a.exitedAt!);
    // A started 3 s before C: alone it would have ended 2 s before C started.
    expect(Math.min(...ends) - lastStart).toBeGreaterThanOrEqual(4500);
    expect(Math.max(...ends) - Math.min(...ends)).toBeLessThan(1000);
    for (const a of agents) expect(a.log()).toContain('converged');
  }, 60_000);

  it('a host that never converges holds the others until it is killed and its lease runs out', async () => {
    const e = await setup();
    const stuck = join(base, 'stuck.yaml');
    writeFileSync(stuck, `resources:
  exec:
  - name: never
    cmd: "false"
    meta: { retry: -1, delay: 300 }
`);
    const d = startAgent('d', join(base, 'pd'), ['--yaml', stuck], e.url);
    agents.push(d);
    await sleep(1000);
    for (const h of ['a', 'b']) agents.push(startAgent(h, join(base, `p${h}`), ['--yaml', hostGraph(h), '--converged-timeout', '1', '--max-runtime', '40'], e.url));
    await sleep(4000);
    expect(agents.slice(1).map((a) => a.proc.exitCode)).toEqual([null, null]);
    const killed = Date.now();
    d.proc.kill('SIGKILL');
    const codes = await Promise.all(agents.slice(1).map((a) => a.exited));
    expect(codes).toEqual([0, 0]);
    const waited = Math.max(...agents.slice(1).map((a) => a.exitedAt!)) - killed;
    // The lease's TTL (5 s) plus the 1 s timeout, give or take a keep-alive.
    expect(waited).toBeGreaterThan(3000);
    expect(waited).toBeLessThan(10_000);
  }, 60_000);
});
