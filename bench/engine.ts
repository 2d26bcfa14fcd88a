// bench/engine: `mgmt run` against Puppet 7's `puppet apply` and CFEngine's
// `cf-agent` on the same work, beside the platform's floor, every ratio
// measured in one run (issues 3 and 11). Needs dist/ (`npm run build`).
//
//   npx tsx bench/engine.ts              # everything (N = 100 and 1,000 files)
//   npx tsx bench/engine.ts 1000 --only files   # one size, one part
//   npx tsx bench/engine.ts --only files|recheck|exec|repair|swap
//   npx tsx bench/engine.ts --via-js     # through `node bin/mgmt.js` (no snapshot)
//   BENCH_REPS=5 npx tsx bench/engine.ts # more repetitions of the file runs
//
// 1. files: N files (content + mode) applied from nothing, then checked in
//    place, by `mgmt run --tmp-prefix --converged-timeout=0 --lang gen.mcl`,
//    `puppet apply gen.pp` and `cf-agent -K -f gen.cf` (bench/cfengine.ts),
//    the same paths; the whole process each time, median of 3 (interleaved),
//    peak RSS from /usr/bin/time. The floors: `node -e 0` (start-up) and the
//    same system calls done directly (bench/floor-syscalls.cjs: lstat/read to
//    check; write+fsync+rename+chmod to apply), in this process and as a
//    process of their own. In this process: compile (to the first graph) and
//    the engine alone (graph swapped in → converged), against the apply time
//    Puppet reports itself ("Applied catalog in").
// 2. recheck: a running engine swaps in 1,000 files already in place
//    (after an empty graph) → converged, against bare lstat + read.
// 3. exec: examples/lang/exec-parallel.mcl against the same four execs in Puppet.
// 4. repair: a running `mgmt run` puts back a removed file: 50 removals, the
//    time from `rm` to the file being there again (stat loop), median and p99.
// 5. swap: a running 10,000-resource graph; one line of the .mcl edited; the
//    time from writing the file to the new content on disk.
// At the end, the targets judged from this run's figures.
//
// Puppet is installed with apt-get when missing (as root); without it the
// Puppet columns say why they are empty.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/engine.js';
import { compile, firstGraph, loadDeploy } from '../src/lang/index.js';
import { setLogLevel } from '../src/util/log.js';
import { ResourceGraph } from '../src/engine/graph.js';
import { cfAgent, cfPolicy, cfVersion, haveCfAgent } from './cfengine.js';

const root = new URL('..', import.meta.url).pathname;
const work = '/tmp/mgmt-bench-engine';
// Not `files`: that name is the deploy's files directory, which the mcl frontend watches.
const out = join(work, 'out');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
const want = (part: string) => only === undefined || only === part;
// bin/mgmt, the command npm installs: it starts node from the start-up snapshot
// (src/cli/snapshot.ts). `--via-js` runs `node bin/mgmt.js` instead, to compare.
const mgmtCmd = (...a: string[]): [string, string[]] =>
  args.includes('--via-js') ? [process.execPath, [join(root, 'bin', 'mgmt.js'), ...a]] : [join(root, 'bin', 'mgmt'), a];

// ---- helpers ---------------------------------------------------------------

function havePuppet(): boolean {
  return spawnSync('puppet', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Puppet, installed when missing; undefined when it is there, else why not. */
function ensurePuppet(): string | undefined {
  if (havePuppet()) return undefined;
  if (process.getuid?.() !== 0) return 'puppet is not installed and we are not root to install it';
  console.log('installing puppet (apt-get install -y puppet)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore', timeout: 300_000 });
  spawnSync('apt-get', ['install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=300', 'puppet'], { env, stdio: 'ignore', timeout: 600_000 });
  return havePuppet() ? undefined : 'puppet could not be installed with apt-get';
}

interface Run {
  ms: number;
  /** user + system CPU of the whole process (less moved by a loaded machine than wall time). */
  cpuMs: number;
  rssMB: number;
  code: number | null;
  out: string;
}

/** Run a command to its end: wall ms, peak RSS (via /usr/bin/time), output. */
function timed(cmd: string, cmdArgs: string[]): Run {
  const rssFile = join(work, 'rss');
  const useTime = existsSync('/usr/bin/time');
  const [c, a] = useTime ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, cmd, ...cmdArgs]] : [cmd, cmdArgs];
  const t0 = performance.now();
  const r = spawnSync(c, a, { encoding: 'utf8', cwd: root, maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  const [m, u, sy] = useTime ? readFileSync(rssFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) : [NaN, NaN, NaN];
  return { ms, cpuMs: (u + sy) * 1000, rssMB: m / 1024, code: r.status, out: r.stdout + r.stderr };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : '–');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function wipe(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

function mcl(n: number, dir: string, tag = 'hello'): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`file "${dir}/f${i}" {\n\tcontent => "${tag} ${i}\\n",\n\tmode => "0640",\n}`);
  return lines.join('\n') + '\n';
}

function pp(n: number, dir: string): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`file { '${dir}/f${i}': ensure => file, content => "hello ${i}\\n", mode => '0640' }`);
  return lines.join('\n') + '\n';
}

const puppetHome = join(work, 'puppet-home');
/** `puppet apply` with its own state dirs (nothing of the host's Puppet is read or written). */
function puppetApply(file: string, extra: string[] = []): Run {
  const dirs = ['vardir', 'confdir', 'codedir', 'logdir', 'rundir'].flatMap((d) => [`--${d}`, join(puppetHome, d)]);
  return timed('puppet', ['apply', '--color=false', ...dirs, ...extra, file]);
}
/** Puppet's own figure for the transaction: "Applied catalog in 0.07 seconds". */
const puppetApplied = (r: Run) => Number(/Applied catalog in ([\d.]+) seconds/.exec(r.out)?.[1] ?? NaN) * 1000;

function mgmtRun(file: string, flag = '--lang'): Run {
  return timed(...mgmtCmd('run', '--tmp-prefix', '--converged-timeout=0', flag, file));
}

// The floor: the same system calls, done directly and synchronously (bench/floor-syscalls.cjs).
const require = createRequire(import.meta.url);
const floor = (require('./floor-syscalls.cjs') as { floor: (n: number, dir: string, apply: boolean) => number }).floor;

/** In this process: the engine alone, from a compiled graph to converged. */
async function engineOnly(file: string): Promise<{ graphMs: number; convergeMs: number }> {
  const t0 = performance.now();
  const g = await firstGraph(compile(loadDeploy(file)));
  const t1 = performance.now();
  const engine = new Engine({ stateRoot: join(work, 'state') });
  await engine.swap(g);
  await engine.waitConverged(600_000);
  const t2 = performance.now();
  await engine.stop();
  return { graphMs: t1 - t0, convergeMs: t2 - t1 };
}

/** Start a long-running `mgmt run` and resolve once `ready()` holds. */
async function startRun(file: string, ready: () => boolean, maxMs = 300_000) {
  const child = spawn(...mgmtCmd('run', '--tmp-prefix', '--lang', file), { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const t0 = performance.now();
  while (!ready()) {
    if (child.exitCode !== null) throw new Error(`mgmt run exited early:\n${log}`);
    if (performance.now() - t0 > maxMs) throw new Error('mgmt run did not get ready');
    await sleep(20);
  }
  const peak = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  return {
    startMs: performance.now() - t0,
    peak,
    async stop() {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Resolve with the ms until `cond()` holds, polling as fast as the loop allows. */
async function until(cond: () => boolean, maxMs = 10_000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if (cond()) return performance.now() - t0;
    if (performance.now() - t0 > maxMs) return Infinity;
    await new Promise((r) => setImmediate(r));
  }
}

// ---- the benchmarks ----------------------------------------------------------

interface FileRow {
  n: number;
  what: 'apply' | 'check';
  mgmt: number[];
  puppet: number;
  cf: number;
  node0: number;
  syscalls: number;
  floorProc: number;
  compile: number;
  engine: number;
}
const rows: FileRow[] = [];

async function benchFiles(puppet: string | undefined): Promise<void> {
  const reps = Number(process.env.BENCH_REPS ?? 3);
  const cf = haveCfAgent();
  console.log(`\n## files: N files (content + mode), applied from nothing and checked in place (median of ${reps}, ms)\n`);
  console.log('"syscalls" is the floor of the work done directly in this process; "node -e 0" the floor of a node process;');
  console.log('"floor" their sum, and "floor process" a node process doing only those syscalls (bench/floor-syscalls.cjs).\n');
  console.log('| N | what | mgmt run (min–max) | puppet apply | puppet/mgmt | cf-agent | mgmt/cf | node -e 0 | syscalls | floor | mgmt/floor | floor process | compile | mgmt engine only | puppet "Applied catalog" | peak RSS mgmt / puppet / cf (MB) | CPU mgmt / puppet / cf | CPU puppet/mgmt, mgmt/cf |');
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of sizes.length ? sizes : [100, 1000]) {
    const mclFile = join(work, `gen${n}.mcl`);
    const ppFile = join(work, `gen${n}.pp`);
    writeFileSync(mclFile, mcl(n, out));
    writeFileSync(ppFile, pp(n, out));
    const cfPol = cf ? cfPolicy(join(work, 'cf'), out, n) : '';
    const m = { apply: [] as Run[], check: [] as Run[] };
    const p = { apply: [] as Run[], check: [] as Run[] };
    const c = { apply: [] as Run[], check: [] as Run[] };
    const fl = { apply: [] as number[], check: [] as number[] };
    const flp = { apply: [] as number[], check: [] as number[] };
    const eng = { apply: [] as number[], check: [] as number[] };
    const node0: number[] = [];
    const compileMs: number[] = [];
    const floorProc = (what: string) => timed(process.execPath, [join(root, 'bench', 'floor-syscalls.cjs'), out, String(n), what]).ms;
    for (let rep = 0; rep < reps; rep++) {
      // Interleaved, so that a change of the machine's load hits every column alike.
      wipe(out);
      m.apply.push(mgmtRun(mclFile));
      m.check.push(mgmtRun(mclFile));
      if (m.apply[rep].code !== 0 || readdirCount(out) !== n) throw new Error(`mgmt run failed:\n${m.apply[rep].out.slice(-2000)}`);
      if (!puppet) {
        wipe(out);
        p.apply.push(puppetApply(ppFile));
        p.check.push(puppetApply(ppFile));
        if (p.apply[rep].code !== 0 || readdirCount(out) !== n) throw new Error(`puppet apply failed:\n${p.apply[rep].out.slice(-2000)}`);
      }
      if (cf) {
        wipe(out);
        const r = cfAgent(join(work, 'cf'), cfPol);
        c.apply.push({ ...r, cpuMs: r.cpuS * 1000 });
        const k = cfAgent(join(work, 'cf'), cfPol);
        c.check.push({ ...k, cpuMs: k.cpuS * 1000 });
        if (r.code !== 0 || readdirCount(out) !== n) throw new Error(`cf-agent failed:\n${r.out.slice(-2000)}`);
      }
      node0.push(timed(process.execPath, ['-e', '0']).ms);
      wipe(out);
      flp.apply.push(floorProc('apply'));
      flp.check.push(floorProc('check'));
      wipe(out);
      fl.apply.push(floor(n, out, true));
      fl.check.push(floor(n, out, false));
      wipe(out);
      const a = await engineOnly(mclFile);
      const k = await engineOnly(mclFile);
      eng.apply.push(a.convergeMs);
      eng.check.push(k.convergeMs);
      compileMs.push(a.graphMs, k.graphMs);
    }
    for (const what of ['apply', 'check'] as const) {
      const ms = m[what].map((r) => r.ms);
      const mm = median(ms);
      const pm = puppet ? NaN : median(p[what].map((r) => r.ms));
      const pa = puppet ? NaN : median(p[what].map(puppetApplied));
      const cm = cf ? median(c[what].map((r) => r.ms)) : NaN;
      const mr = Math.max(...m[what].map((r) => r.rssMB));
      const pr = puppet ? NaN : Math.max(...p[what].map((r) => r.rssMB));
      const cr = cf ? Math.max(...c[what].map((r) => r.rssMB)) : NaN;
      const n0 = median(node0);
      const sc = median(fl[what]);
      const cpu = (rs: Run[]) => (rs.length ? median(rs.map((r) => r.cpuMs)) : NaN);
      const [mc, pc, cc] = [cpu(m[what]), cpu(p[what]), cpu(c[what])];
      const row: FileRow = { n, what, mgmt: ms, puppet: pm, cf: cm, node0: n0, syscalls: sc, floorProc: median(flp[what]), compile: median(compileMs), engine: median(eng[what]) };
      rows.push(row);
      console.log(
        `| ${n} | ${what} | ${fmt(mm)} (${fmt(Math.min(...ms))}–${fmt(Math.max(...ms))}) | ${puppet ? '–' : fmt(pm)} | ${ratio(pm, mm)} | ${cf ? fmt(cm) : '–'} | ${ratio(mm, cm)} | ${fmt(n0)} | ${fmt(sc)} | ${fmt(n0 + sc)} | ${ratio(mm, n0 + sc)} | ${fmt(row.floorProc)} | ${fmt(row.compile)} | ${fmt(row.engine)} | ${puppet ? '–' : fmt(pa)} (${ratio(pa, row.engine)} of engine) | ${mr.toFixed(0)} / ${puppet ? '–' : pr.toFixed(0)} / ${cf ? cr.toFixed(0) : '–'} | ${fmt(mc)} / ${fmt(pc)} / ${fmt(cc)} | ${ratio(pc, mc)}, ${ratio(mc, cc)} |`,
      );
    }
  }
  if (puppet) console.log(`\npuppet columns empty: ${puppet}`);
  if (!cf) console.log('\ncf-agent columns empty: cfengine3 is not installed (apt-get install cfengine3)');
}

/** A running engine re-checks N files in place after a swap: swap in an empty graph, then the files again. */
let recheck: { engine: number; syscalls: number } | undefined;
async function benchRecheck(): Promise<void> {
  const n = 1000;
  const dir = join(work, 'recheck');
  wipe(dir);
  const file = join(work, 'recheck.mcl');
  writeFileSync(file, mcl(n, dir));
  const g = () => firstGraph(compile(loadDeploy(file)));
  const engine = new Engine({ stateRoot: join(work, 'state-recheck') });
  await engine.swap(await g());
  await engine.waitConverged(600_000);
  const times: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 7; i++) {
    await engine.swap(new ResourceGraph());
    await engine.waitConverged(60_000);
    const next = await g();
    const t0 = performance.now();
    await engine.swap(next);
    await engine.waitConverged(600_000);
    times.push(performance.now() - t0);
    bare.push(floor(n, dir, false));
  }
  await engine.stop();
  recheck = { engine: median(times), syscalls: median(bare) };
  console.log(`\n## recheck: a running engine re-checks ${n} files in place after a swap (median of 7, ms)\n`);
  console.log('| swap → converged | min–max | bare lstat + read + compare (syscalls) | engine / syscalls |');
  console.log('|---:|---:|---:|---:|');
  console.log(`| ${fmt(recheck.engine)} | ${fmt(Math.min(...times))}–${fmt(Math.max(...times))} | ${fmt(recheck.syscalls)} | ${ratio(recheck.engine, recheck.syscalls)} |`);
}

/** The targets, judged from this run's figures. */
function verdicts(): void {
  const row = (n: number, what: string) => rows.find((r) => r.n === n && r.what === what);
  const lines: string[] = [];
  const judge = (name: string, ok: boolean, detail: string) => lines.push(`| ${name} | ${detail} | ${ok ? 'met' : 'missed'} |`);
  const c1000 = row(1000, 'check');
  const a1000 = row(1000, 'apply');
  const c100 = row(100, 'check');
  if (c1000 && Number.isFinite(c1000.puppet)) judge('check 1,000 ≥ 10× puppet', c1000.puppet / median(c1000.mgmt) >= 10, `${ratio(c1000.puppet, median(c1000.mgmt))}`);
  if (c100) {
    const bar = 1.5 * (c100.node0 + c100.compile);
    judge('check 100 within 1.5× of (node -e 0 + compile)', median(c100.mgmt) <= bar, `${fmt(median(c100.mgmt))} ms against ${fmt(bar)} (1.5 × (${fmt(c100.node0)} + ${fmt(c100.compile)})): ${ratio(median(c100.mgmt), c100.node0 + c100.compile)}`);
  }
  if (a1000) {
    const fl = a1000.node0 + a1000.syscalls;
    judge('apply 1,000 within 1.3× of (start-up + syscalls)', median(a1000.mgmt) <= 1.3 * fl, `${fmt(median(a1000.mgmt))} ms against a floor of ${fmt(fl)}: ${ratio(median(a1000.mgmt), fl)}`);
    if (Number.isFinite(a1000.puppet)) judge('apply 1,000 ≥ 8× puppet', a1000.puppet / median(a1000.mgmt) >= 8, `${ratio(a1000.puppet, median(a1000.mgmt))} (the floor itself: ${ratio(a1000.puppet, fl)})`);
  }
  if (recheck) judge('re-check 1,000 after a swap within 2× of bare lstat + read', recheck.engine <= 2 * recheck.syscalls, `${fmt(recheck.engine)} ms against ${fmt(recheck.syscalls)}: ${ratio(recheck.engine, recheck.syscalls)}`);
  if (c1000 && Number.isFinite(c1000.cf)) judge('check 1,000 within 1.5× of cf-agent', median(c1000.mgmt) <= 1.5 * c1000.cf, `${fmt(median(c1000.mgmt))} ms against ${fmt(c1000.cf)}: ${ratio(median(c1000.mgmt), c1000.cf)} (cf-agent against the floor: ${ratio(c1000.cf, c1000.node0 + c1000.syscalls)})`);
  if (!lines.length) return;
  console.log('\n## targets (issue 11), from this run\n');
  console.log('| target | this run | |');
  console.log('|---|---|---|');
  for (const l of lines) console.log(l);
}

function readdirCount(dir: string): number {
  return spawnSync('ls', ['-A', dir], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l && !l.startsWith('.')).length;
}

async function benchExec(puppet: string | undefined): Promise<void> {
  console.log('\n## exec: three chained and one independent `sleep 1` (ms)\n');
  const m = mgmtRun(join(root, 'examples', 'lang', 'exec-parallel.mcl'));
  const ppFile = join(work, 'exec.pp');
  writeFileSync(
    ppFile,
    [1, 2, 3, 4].map((i) => `exec { 'exec${i}': command => 'sleep 1', path => ['/usr/bin', '/bin'] }`).join('\n') + "\nExec['exec1'] -> Exec['exec2'] -> Exec['exec3']\n",
  );
  const p = puppet ? undefined : puppetApply(ppFile);
  console.log('| | mgmt run | puppet apply | puppet/mgmt | peak RSS mgmt / puppet (MB) |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(`| exec-parallel | ${fmt(m.ms)} | ${p ? fmt(p.ms) : '–'} | ${ratio(p?.ms ?? NaN, m.ms)} | ${m.rssMB.toFixed(0)} / ${p ? p.rssMB.toFixed(0) : '–'} |`);
  if (m.code !== 0) console.log(`mgmt run exited ${m.code}`);
}

async function benchRepair(): Promise<void> {
  const n = 100;
  const dir = join(work, 'repair');
  wipe(dir);
  const file = join(work, 'repair.mcl');
  writeFileSync(file, mcl(n, dir));
  const run = await startRun(file, () => readdirCount(dir) === n);
  await sleep(1000); // let every Watch settle
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const p = `${dir}/f${(i * 7) % n}`;
    const t0 = performance.now();
    unlinkSync(p);
    await until(() => existsSync(p));
    times.push(performance.now() - t0);
    await sleep(50);
  }
  const peak = run.peak();
  await run.stop();
  console.log(`\n## repair: \`rm\` of one of ${n} managed files under a running \`mgmt run\`, 50 removals\n`);
  console.log('| median | p99 | max | peak RSS (MB) |');
  console.log('|---:|---:|---:|---:|');
  console.log(`| ${fmt(median(times))} ms | ${fmt(pct(times, 99))} ms | ${fmt(Math.max(...times))} ms | ${peak.toFixed(0)} |`);
}

async function benchSwap(): Promise<void> {
  // 1,000 files and 9,000 `msg` resources (cheap, no Watch of their own),
  // chained in runs of ten. Not `test`: its kind has a groupCmp, and AutoGroup
  // is quadratic in the vertices of such a kind (see bench/README.md).
  const kind = (process.env.SWAP_KIND ?? 'msg') as 'msg' | 'test';
  const cap = kind === 'msg' ? 'Msg' : 'Test';
  const param = kind === 'msg' ? 'body' : 'stringptr';
  const dir = join(work, 'swap');
  wipe(dir);
  const file = join(work, 'swap.mcl');
  const body = (tag: string) => {
    const lines = [mcl(1000, dir, 'v1').replace(`"v1 500\\n"`, `"${tag} 500\\n"`)];
    for (let i = 0; i < 9000; i++) lines.push(`${kind} "t${i}" {\n\t${param} => "s${i}",${kind === "msg" ? "\n\tpriority => \"Info\"," : ""}\n}`);
    for (let i = 0; i < 9000; i++) if (i % 10 !== 9) lines.push(`${cap}["t${i}"] -> ${cap}["t${i + 1}"]`);
    return lines.join('\n') + '\n';
  };
  writeFileSync(file, body('v1'));
  const target = `${dir}/f500`;
  const run = await startRun(file, () => readdirCount(dir) === 1000 && existsSync(target));
  await sleep(2000);
  // Wait until the file holds `want` (after the edit made at t0); ms since t0.
  const reached = async (file: string, want: string, t0: number) => {
    await until(() => {
      try {
        return readFileSync(file, 'utf8') === want;
      } catch {
        return false;
      }
    }, 60_000);
    return performance.now() - t0;
  };
  // A literal edit (the content of one file): the fast path patches the compiled program.
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const tag = `edit${i}`;
    const t0 = performance.now();
    writeFileSync(file, body(tag));
    times.push(await reached(target, `${tag} 500\n`, t0));
    await sleep(1000);
  }
  // New lines that add a resource: a full compile (each edit adds one more,
  // so none is a literal edit of the one before).
  const added: number[] = [];
  let more = '';
  for (let i = 0; i < 3; i++) {
    const extra = `${dir}/added${i}`;
    more += `file "${extra}" {\n\tcontent => "new ${i}\\n",\n}\n`;
    const t0 = performance.now();
    writeFileSync(file, body('edit4') + more);
    added.push(await reached(extra, `new ${i}\n`, t0));
    await sleep(1000);
  }
  const peak = run.peak();
  await run.stop();
  console.log(`\n## swap: one-line edit of a running 10,000-resource program (1,000 files + 9,000 ${kind}) to the new content on disk\n`);
  console.log('| first start to all files in place | literal edit → disk, median of 5 | min | max | edit adding a resource (full compile) → disk, median of 3 | peak RSS (MB) |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  console.log(`| ${fmt(run.startMs)} ms | ${fmt(median(times))} ms | ${fmt(Math.min(...times))} ms | ${fmt(Math.max(...times))} ms | ${fmt(median(added))} ms | ${peak.toFixed(0)} |`);
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  setLogLevel('error');
  wipe(work);
  const puppet = ensurePuppet();
  const pv = (puppet ? `puppet: ${puppet}` : `puppet ${spawnSync('puppet', ['--version'], { encoding: 'utf8' }).stdout.trim()}`) + (haveCfAgent() ? `, ${cfVersion()}` : ', no cf-agent');
  console.log(`# bench/engine — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${pv}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (want('files')) await benchFiles(puppet);
  if (want('recheck')) await benchRecheck();
  if (want('exec')) await benchExec(puppet);
  if (want('repair')) await benchRepair();
  if (want('swap')) await benchSwap();
  verdicts();
  console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  rmSync(work, { recursive: true, force: true });
}

await main();
process.exit(0);
