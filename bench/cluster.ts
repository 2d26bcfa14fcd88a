// bench/cluster: a real etcd and real agents (bin/mgmt; run `npm run build` first).
//
//   npx tsx bench/cluster.ts            # every figure
//   npx tsx bench/cluster.ts latency    # one of: latency, edit, idle, converge
//
// - latency: an export written to etcd (as host a, through EtcdWorld) → the collected
//   file's new content on agent b's disk; 100 changes, median and p99.
// - edit: the same starting from an edit of agent a's YAML graph (a notices the edit,
//   re-reads, exports); 20 changes.
// - idle: etcd writes (puts + deletes, from etcd's own /metrics) per minute from an idle,
//   converged cluster of 3 agents, measured over 20 s; and each agent's RSS.
// - converge: N agents started at once with --converged-timeout 2, each exporting one
//   file and collecting every other's (N² collected files): from the last start, and
//   from the moment the last agent had applied its own graph (its own file on disk), to
//   cluster-wide convergence (the first exit minus the 2 s); for N = 3, 10 and 25, or
//   `converge 3,10,25`. Also the agents' total RSS and the load average before/after.
//   Start-up of N node processes on a 2-core machine dominates the first figure.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EtcdWorld } from '../src/world/etcd.js';
import { startEtcd } from '../test/helpers/etcd.js';
import type { TestEtcd } from '../test/helpers/etcd.js';
import { read, startAgent, stopAgents, waitFor } from '../test/helpers/agents.js';
import type { Agent } from '../test/helpers/agents.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

function collector(base: string, h: string, exported: string[] = []): string {
  const dir = join(base, `d${h}`);
  mkdirSync(dir, { recursive: true });
  const file = join(base, `${h}.yaml`);
  const res = exported.map((c, i) => `  - name: "@@x${h}${i}"\n    path: "${dir}/x${h}${i}"\n    content: "${c}"\n    state: exists\n`).join('');
  writeFileSync(file, `resources:\n  file:\n  - name: own${h}\n    path: "${dir}/own${h}"\n    content: "own"\n    state: exists\n${res}collect:\n- kind: file\n  pattern: "${dir}/"\n`);
  return file;
}

/** Wait until `file` holds `want`, polling every millisecond; ms taken. */
async function until(file: string, want: string, t0: number): Promise<number> {
  for (;;) {
    if (read(file) === want) return performance.now() - t0;
    if (performance.now() - t0 > 10_000) throw new Error(`${file} never became ${JSON.stringify(want)}`);
    await sleep(1);
  }
}

async function latency(etcd: TestEtcd, base: string): Promise<void> {
  const b = startAgent('b', join(base, 'pb'), ['--yaml', collector(base, 'b')], etcd.url);
  const w = new EtcdWorld({ endpoints: [etcd.url], hostname: 'a' });
  await w.ready();
  await waitFor('b to run', () => read(join(base, 'db', 'ownb')) === 'own');
  const xs: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    await w.exportResources('a', [{ kind: 'file', name: 'xa', host: 'a', to: ['*'], params: { path: '/x/xa', content: `change ${i}`, state: 'exists' } }]);
    xs.push(await until(join(base, 'db', 'xa'), `change ${i}`, t0));
  }
  console.log(`export in etcd -> file on b's disk, 100 changes: median ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`);
  await w.close();
  await stopAgents([b]);
}

async function edit(etcd: TestEtcd, base: string): Promise<void> {
  const a = startAgent('a', join(base, 'pa'), ['--yaml', collector(base, 'a', ['v0'])], etcd.url);
  const b = startAgent('b', join(base, 'pb'), ['--yaml', collector(base, 'b')], etcd.url);
  await waitFor('b to collect', () => read(join(base, 'db', 'xa0')) === 'v0');
  const xs: number[] = [];
  for (let i = 1; i <= 20; i++) {
    const t0 = performance.now();
    collector(base, 'a', [`v${i}`]);
    xs.push(await until(join(base, 'db', 'xa0'), `v${i}`, t0));
    await sleep(100);
  }
  console.log(`edit of a's graph -> file on b's disk, 20 changes: median ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms`);
  await stopAgents([a, b]);
}

async function metric(url: string, names: string[]): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) for (const n of names) if (line.startsWith(n + ' ')) sum += Number(line.split(' ')[1]);
  return sum;
}

function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function idle(etcd: TestEtcd, base: string): Promise<void> {
  const agents: Agent[] = ['a', 'b', 'c'].map((h) => startAgent(h, join(base, `p${h}`), ['--yaml', collector(base, h, ['v'])], etcd.url));
  await waitFor('all collected', () => ['a', 'b', 'c'].every((h) => ['a', 'b', 'c'].every((o) => read(join(base, `d${h}`, `x${o}0`)) === 'v')));
  await sleep(3000);
  const writes = ['etcd_mvcc_put_total', 'etcd_mvcc_delete_total', 'etcd_mvcc_txn_total'];
  const w0 = await metric(etcd.url, writes);
  const k0 = await metric(etcd.url, ['etcd_debugging_lease_renewed_total']).catch(() => NaN);
  await sleep(20_000);
  const w1 = await metric(etcd.url, writes);
  const k1 = await metric(etcd.url, ['etcd_debugging_lease_renewed_total']).catch(() => NaN);
  console.log(`idle converged cluster of 3: ${(((w1 - w0) * 60) / 20).toFixed(0)} writes/min (puts+deletes+txns), ${(((k1 - k0) * 60) / 20).toFixed(0)} lease keep-alives/min`);
  console.log(`agent RSS: ${agents.map((a) => rssMB(a.proc.pid!).toFixed(0)).join(', ')} MB`);
  await stopAgents(agents);
}

async function converge(etcd: TestEtcd, base: string, n: number): Promise<void> {
  const load0 = loadavg()[0];
  const agents: Agent[] = [];
  const hosts = Array.from({ length: n }, (_, i) => `h${n}-${i}`);
  for (const h of hosts) agents.push(startAgent(h, join(base, `p${h}`), ['--yaml', collector(base, h, ['v']), '--converged-timeout', '2', '--max-runtime', '600'], etcd.url));
  const last = Date.now();
  // When each agent has applied its own graph: its own file is on disk.
  let up = 0;
  let rss = 0;
  const watchUp = (async () => {
    while (!hosts.every((h) => read(join(base, `d${h}`, `own${h}`)) === 'own')) {
      if (agents.some((a) => a.exitedAt)) return;
      await sleep(20);
    }
    up = Date.now();
    rss = agents.reduce((sum, a) => sum + (a.exitedAt ? 0 : rssMB(a.proc.pid!)), 0);
  })();
  const codes = await Promise.all(agents.map((a) => a.exited));
  await watchUp;
  const end = Math.max(...agents.map((a) => a.exitedAt!));
  const first = Math.min(...agents.map((a) => a.exitedAt!));
  const collected = hosts.every((h) => hosts.every((o) => read(join(base, `d${h}`, `x${o}0`)) === 'v'));
  console.log(
    `${n} agents, --converged-timeout 2: converged cluster-wide ${first - last - 2000} ms after the last was started, ` +
      `${up ? `${first - up - 2000} ms after the last had applied its own graph (${up - last} ms after the last start)` : 'start-up not seen'}; ` +
      `exits spread over ${end - first} ms (codes ${[...new Set(codes)].join(',')}); all ${n * n} collected files in place: ${collected}; ` +
      `RSS of all agents once up ${rss.toFixed(0)} MB; load average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
  );
  if (process.env.DEBUG_AGENTS) for (const a of agents) console.log(a.host, a.log());
}

const which = process.argv[2];
const etcd = await startEtcd();
const base = mkdtempSync(join(tmpdir(), 'mgmt-bench-cluster-'));
try {
  if (!which || which === 'latency') await latency(etcd, base);
  if (!which || which === 'edit') await edit(etcd, base);
  if (!which || which === 'idle') await idle(etcd, base);
  if (!which || which === 'converge') for (const n of process.argv[3] ? process.argv[3].split(',').map(Number) : [3, 10, 25]) await converge(etcd, base, n);
} finally {
  etcd.kill();
  rmSync(base, { recursive: true, force: true });
}
