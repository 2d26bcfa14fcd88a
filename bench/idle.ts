// bench/idle: what a resident `mgmt run` costs while nothing happens (issue 11).
//
//   npm run build && npx tsx bench/idle.ts          # 1,000 files, 60 s of idle
//   npx tsx bench/idle.ts 1000 120                   # files, seconds of steady idle (after the first minute)
//
// Starts `bin/mgmt run --tmp-prefix --lang gen.mcl` (N files with content
// and mode, in a directory of their own), waits until every file is in place,
// waits until its CPU time stands still for 2 s (converged: our own writes
// come back as events once), then samples the process over the first minute
// and over the idle window after it:
// - CPU: utime + stime of /proc/PID/stat (every thread), before and after;
// - wake-ups: the context switches of every thread (voluntary + involuntary,
//   /proc/PID/task/*/status), per thread name, so a thread that wakes on a
//   timer shows up by name (node = the main loop, libuv-worker, V8 workers).
// Then the same policy once through CFEngine's `cf-agent -K` (bench/cfengine.ts),
// whose default schedule is a run every 5 minutes: its CPU per run × 12 is its
// idle cost per hour, against ours over the same hour.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cfAgent, cfPolicy, haveCfAgent } from './cfengine.js';

const root = new URL('..', import.meta.url).pathname;
const nums = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
const n = nums[0] ?? 1000;
const idleS = nums[1] ?? 60;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tick = 100; // USER_HZ: the unit of /proc/PID/stat's times on Linux

function mcl(dir: string): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`file "${dir}/f${i}" {\n\tcontent => "hello ${i}\\n",\n\tmode => "0640",\n}`);
  return lines.join('\n') + '\n';
}

/** utime + stime of the whole process, in seconds. */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / tick;
}

/** Context switches per thread name (threads of one name summed). */
function switchesOf(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const st = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
      const v = Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(st)?.[1] ?? 0);
      const nv = Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(st)?.[1] ?? 0);
      out.set(name, (out.get(name) ?? 0) + v + nv);
    } catch {
      // a thread that ended between the listing and the read
    }
  }
  return out;
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'bundle', 'mgmt.cjs'))) throw new Error('dist/ is missing: run `npm run build` first');
  const work = mkdtempSync(join(tmpdir(), 'mgmt-bench-idle-'));
  const out = join(work, 'out');
  const prog = join(work, 'prog');
  mkdirSync(out);
  mkdirSync(prog);
  writeFileSync(join(prog, 'main.mcl'), mcl(out));
  console.log(`# bench/idle — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`\n${n} files; \`mgmt run\` resident, idle window ${idleS} s\n`);

  const child = spawn(join(root, 'bin', 'mgmt'), ['run', '--tmp-prefix', '--lang', join(prog, 'main.mcl')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const t0 = performance.now();
  try {
    while (readdirSync(out).filter((f) => !f.startsWith('.')).length < n) {
      if (child.exitCode !== null) throw new Error(`mgmt run exited early:\n${log.slice(-2000)}`);
      if (performance.now() - t0 > 120_000) throw new Error('mgmt run did not put the files in place within 120 s');
      await sleep(50);
    }
    const pid = child.pid!;
    // In place is not yet converged (our own writes come back as events and
    // are checked once more): settled once the CPU time stands still for 2 s.
    const placed = performance.now();
    for (let last = cpuOf(pid), still = 0; still < 2 && performance.now() - placed < 120_000; ) {
      await sleep(1000);
      const now = cpuOf(pid);
      still = now === last ? still + 1 : 0;
      last = now;
    }
    const settleS = (performance.now() - placed) / 1000;
    // Two windows: the first minute after the files are in place (V8's memory
    // reducer still collects then), and `idleS` seconds after it (steady).
    const sample = async (seconds: number) => {
      const c0 = cpuOf(pid);
      const s0 = switchesOf(pid);
      const w0 = performance.now();
      await sleep(seconds * 1000);
      const wall = (performance.now() - w0) / 1000;
      const cpu = cpuOf(pid) - c0;
      let wakes = 0;
      const perThread: string[] = [];
      for (const [name, v] of switchesOf(pid)) {
        const d = v - (s0.get(name) ?? 0);
        wakes += d;
        if (d > 0) perThread.push(`${name} ${d}`);
      }
      return { wall, cpu, wakes, perThread };
    };
    const first = await sample(60);
    const steady = await sample(idleS);
    const vmHwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
    // An hour of idle: the first minute once, then the steady rate.
    const perHour = first.cpu + (steady.cpu / steady.wall) * (3600 - first.wall);
    const wakesPerHour = first.wakes + (steady.wakes / steady.wall) * (3600 - first.wall);

    let cf = '';
    let cfPerHour = NaN;
    if (haveCfAgent()) {
      const cfWork = join(work, 'cf');
      // Its own copy of the files (not the ones mgmt watches), put in place by a first run.
      const cfOut = join(work, 'cf-out');
      mkdirSync(cfOut);
      const policy = cfPolicy(cfWork, cfOut, n);
      cfAgent(cfWork, policy);
      const runs = [0, 1, 2].map(() => cfAgent(cfWork, policy));
      const cpuRun = [...runs.map((r) => r.cpuS)].sort((a, b) => a - b)[1];
      cfPerHour = cpuRun * 12;
      cf = `| cf-agent -K, every 5 min (its default schedule) | one run (median of 3) | ${(cpuRun * 1000).toFixed(0)} ms | – | ${((cfPerHour / 3600) * 100).toFixed(3)}% (12 runs an hour) |`;
    } else cf = '| cf-agent | not installed (apt-get install cfengine3) | | | |';

    console.log('| agent | window | CPU | wake-ups (context switches) | share of one core |');
    console.log('|---|---|---:|---:|---:|');
    const row = (what: string, w: typeof first) => console.log(`| mgmt run, resident | ${what}: ${w.wall.toFixed(1)} s | ${(w.cpu * 1000).toFixed(0)} ms | ${w.wakes}${w.perThread.length ? ` (${w.perThread.join(', ')})` : ''} | ${((w.cpu / w.wall) * 100).toFixed(3)}% |`);
    row(`the first minute after settling (${settleS.toFixed(0)} s after the files were in place)`, first);
    row('steady, after that', steady);
    console.log(cf);
    console.log(`\nper hour of idle: mgmt ${perHour.toFixed(2)} s CPU (${((perHour / 3600) * 100).toFixed(3)}% of a core), ${wakesPerHour.toFixed(0)} wake-ups; cf-agent every 5 min ${Number.isFinite(cfPerHour) ? cfPerHour.toFixed(2) : '–'} s CPU`);
    console.log(`mgmt / cf-agent per hour: ${Number.isFinite(cfPerHour) ? (perHour / cfPerHour).toFixed(3) : '–'}; mgmt peak RSS ${vmHwm.toFixed(0)} MB; CPU resolution ${1000 / tick} ms`);
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
