// bench/cluster: a real etcd and real agents (bin/mgmt; run `npm run build` first).
//
//   npx tsx bench/cluster.ts            # every figure
//   npx tsx bench/cluster.ts latency    # one of: latency, edit, idle, converge
//
// - latency: an export written to etcd (as host a, through EtcdWorld) → the collected
//   file's new content on agent b's disk; 100 changes, median and p99.
// - edit: the same starting from an edit of agent a's YAML graph (a notices the edit,
//   re-reads, exports); 20 changes.
// - idle: etcd writes (puts + deletes + txns), reads (ranges) and lease keep-alives per
//   minute from an idle, converged cluster of 3 agents (etcd's own /metrics over 60 s);
//   and each agent's RSS.
// - converge: N agents, each exporting one file and collecting every other's (N²
//   collected files). N-1 start in batches of 8; once they have settled, the last starts, and
//   from its start: its own graph applied (its own file on disk), all N² collected files
//   in place, and every host's published converged state (read from etcd, as
//   `--converged-timeout` does) true. For N = 3, 10 and 25, or `converge 3,10,25`; also
//   the same three times for the last batch of the N-1, the agents' RSS, the load average.
//   (Not by `--converged-timeout` exits: on a loaded machine the first agents would end
//   before the last had even joined, as docs/cluster.md warns.)

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
  const r0 = await metric(etcd.url, ['etcd_mvcc_range_total']);
  await sleep(60_000);
  const w1 = await metric(etcd.url, writes);
  const k1 = await metric(etcd.url, ['etcd_debugging_lease_renewed_total']).catch(() => NaN);
  const r1 = await metric(etcd.url, ['etcd_mvcc_range_total']);
  console.log(`idle converged cluster of 3, over 60 s: ${w1 - w0} writes/min (puts+deletes+txns), ${r1 - r0} reads/min (ranges), ${k1 - k0} lease keep-alives/min`);
  console.log(`agent RSS: ${agents.map((a) => rssMB(a.proc.pid!).toFixed(0)).join(', ')} MB`);
  await stopAgents(agents);
}

async function converge(etcd: TestEtcd, base: string, n: number): Promise<void> {
  const load0 = loadavg()[0];
  const hosts = Array.from({ length: n }, (_, i) => `h${n}-${i}`);
  // The bench reads every host's published converged state, as the agents do (it publishes none).
  const w = new EtcdWorld({ endpoints: [etcd.url], hostname: 'bench' });
  let states: ReadonlyMap<string, boolean> = new Map();
  w.watchConverged((m) => (states = new Map(m)));
  await w.ready();
  const agents: Agent[] = [];
  const start = (h: string) => agents.push(startAgent(h, join(base, `p${h}`), ['--yaml', collector(base, h, ['v']), '--max-runtime', '900'], etcd.url));
  const own = (h: string) => read(join(base, `d${h}`, `own${h}`)) === 'own';
  /** From now: when every one of `among` has applied its own graph, then has all of their exports, then all are converged. */
  const phase = async (among: string[]) => {
    const t0 = Date.now();
    const collected = () => among.every((h) => among.every((o) => read(join(base, `d${h}`, `x${o}0`)) === 'v'));
    const converged = () => among.every((h) => states.get(h) === true);
    let up = 0;
    let all = 0;
    let conv = 0;
    while (!(up && all && conv) && !agents.some((a) => a.exitedAt) && Date.now() - t0 < 600_000) {
      const now = Date.now();
      if (!up && among.every(own)) up = now;
      if (up && !all && collected()) all = now;
      if (all && !conv && converged()) conv = now;
      await sleep(10);
    }
    const ms = (t: number) => (t ? `${t - t0} ms` : 'never');
    return `own graph ${ms(up)}, all ${among.length ** 2} collected files ${ms(all)}, all converged ${ms(conv)}`;
  };
  // The first n-1 in batches of 8 (24 node processes starting at once on 2 busy cores
  // starve each other past the 5 s the --seeds check waits), then the last alone once
  // they have settled.
  const before = hosts.slice(0, -1);
  let first = '';
  for (let i = 0; i < before.length; i += 8) {
    before.slice(i, i + 8).forEach(start);
    first = await phase(before.slice(0, i + 8));
  }
  await sleep(1000);
  start(hosts[n - 1]);
  const lastOne = await phase(hosts);
  const rss = agents.reduce((sum, a) => sum + (a.exitedAt ? 0 : rssMB(a.proc.pid!)), 0);
  const failed = agents.filter((a) => a.exitedAt);
  console.log(
    `${n} agents (each exports 1 file, collects all): the first ${n - 1} started in batches of 8 (the last batch: ${first}); ` +
      `then the last started: ${lastOne} after its start (cluster-wide, converged states read from etcd); ` +
      `RSS of all agents ${rss.toFixed(0)} MB; load average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}` +
      (failed.length ? `; ${failed.length} agents exited early: ${failed.map((a) => `${a.host}: ${a.log().trim().split('\n').slice(-1)[0]}`).join(' | ')}` : ''),
  );
  if (process.env.DEBUG_AGENTS) for (const a of agents) console.log(a.host, a.log());
  await w.close();
  await stopAgents(agents);
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
