// `mgmt run` as a user runs it: the built CLI in its own process, on real
// files and real commands, with timelines of edits behind its back.

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launcher, mgmt, requireDist, root } from '../helpers/cli.js';

interface Run {
  proc: ChildProcess;
  err: () => string;
  /** Resolves with the exit code (130 for SIGINT handled cleanly). */
  exited: Promise<number | null>;
  /** ms since start at which the first stderr line matching `re` came. */
  waitFor(re: RegExp, ms?: number): Promise<number>;
}

const running: ChildProcess[] = [];

function start(args: string[]): Run {
  const t0 = performance.now();
  const proc = spawn(launcher, ['run', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(proc);
  let err = '';
  const seen: { line: string; t: number }[] = [];
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (d: string) => {
    err += d;
    for (const line of d.split('\n')) if (line) seen.push({ line, t: performance.now() - t0 });
  });
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return {
    proc,
    err: () => err,
    exited,
    async waitFor(re, ms = 15_000) {
      const end = Date.now() + ms;
      for (;;) {
        const hit = seen.find((s) => re.test(s.line));
        if (hit) return hit.t;
        if (Date.now() > end) throw new Error(`no stderr line matching ${re} within ${ms} ms; stderr:\n${err}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

async function until(cond: () => boolean, ms: number, what: string): Promise<number> {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > ms) throw new Error(`timed out (${ms} ms) waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - t0;
}

const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined);

let dir: string;
beforeAll(() => requireDist());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mgmt-run-'));
});
afterEach(() => {
  for (const p of running.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function mcl(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

const execRes = (name: string, cmd: string, extra = '') => `exec "${name}" {\n\tcmd => ${JSON.stringify(cmd)},\n\tshell => "/bin/sh",\n${extra}}\n`;

/** A command that writes `start NAME` and `end NAME` to `log` around a sleep: what ran when, in order. */
const journaled = (log: string, name: string, secs: number) => `echo start ${name} >> ${log}; sleep ${secs}; echo end ${name} >> ${log}`;

/** The most commands running at once, from a journal's order (load cannot change it). */
function mostAtOnce(lines: string[]): number {
  let running = 0;
  let most = 0;
  for (const l of lines) {
    if (l.startsWith('start ')) most = Math.max(most, ++running);
    if (l.startsWith('end ')) running--;
  }
  return most;
}

describe('mgmt run', () => {
  // How long examples/lang/exec-parallel.mcl takes is a speed claim: bench/claims.ts.
  it('runs independent parts in parallel: a chain of three commands in order, a fourth alongside the first', async () => {
    const log = join(dir, 'journal');
    const file = mcl(
      'parallel.mcl',
      [1, 2, 3, 4].map((n) => execRes(`exec${n}`, journaled(log, `exec${n}`, 1))).join('') + 'Exec["exec1"] -> Exec["exec2"] -> Exec["exec3"]\n',
    );
    const r = start(['--tmp-prefix', '--converged-timeout=0', '--lang', file]);
    expect(await r.exited, r.err()).toBe(0);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const at = (l: string) => lines.indexOf(l);
    expect(lines).toHaveLength(8);
    // The chain, in order.
    expect(at('end exec1')).toBeLessThan(at('start exec2'));
    expect(at('end exec2')).toBeLessThan(at('start exec3'));
    // exec4 did not wait for the chain: it started before exec1 ended.
    expect(at('start exec4')).toBeLessThan(at('end exec1'));
    expect(mostAtOnce(lines)).toBe(2);
  }, 60_000);

  it('keeps files in state: repairs removal, edits and a file that must be absent, then exits 130 on SIGINT', async () => {
    const f = (n: number) => join(dir, `f${n}`);
    const file = mcl(
      'files.mcl',
      [1, 2, 3].map((n) => `file "${f(n)}" {\n\tstate => "exists",\n\tcontent => "i am f${n}\\n",\n}\n`).join('') + `file "${f(4)}" {\n\tstate => "absent",\n}\n`,
    );
    const r = start(['--tmp-prefix', '--lang', file]);
    await until(() => [1, 2, 3].every((n) => read(f(n)) === `i am f${n}\n`), 15_000, 'f1..f3');
    await r.waitFor(/^running /);
    await new Promise((res) => setTimeout(res, 300));
    unlinkSync(f(2));
    // Hang guards only (how fast a repair is: bench/claims.ts).
    await until(() => read(f(2)) === 'i am f2\n', 15_000, 'f2 back');
    writeFileSync(f(2), 'blah\n');
    await until(() => read(f(2)) === 'i am f2\n', 15_000, 'f2 repaired');
    writeFileSync(f(4), '');
    await until(() => !existsSync(f(4)), 15_000, 'f4 removed');
    r.proc.kill('SIGINT');
    expect(await r.exited).toBe(130);
    expect(existsSync(f(2) + '.tmp')).toBe(false);
  }, 30_000);

  it('keeps repairing a file after its directory was removed and made again', async () => {
    const d = join(dir, 'd');
    const f = join(d, 'f');
    const file = mcl('dir.mcl', `file "${d}/" {\n\tstate => "exists",\n}\nfile "${f}" {\n\tcontent => "in d\\n",\n}\n`);
    const r = start(['--tmp-prefix', '--lang', file]);
    await until(() => read(f) === 'in d\n', 15_000, 'f');
    await r.waitFor(/^running /);
    await new Promise((res) => setTimeout(res, 300));
    // Moved away, then removed: `rm -r d` itself races mgmt, which puts f back
    // between rm's unlink of f and its rmdir of d (ENOTEMPTY).
    renameSync(d, `${d}.gone`);
    rmSync(`${d}.gone`, { recursive: true });
    await until(() => read(f) === 'in d\n', 15_000, 'd and f back');
    await new Promise((res) => setTimeout(res, 300));
    // The new directory is another inode: a watch on the old one would see nothing of this.
    writeFileSync(f, 'drift\n');
    await until(() => read(f) === 'in d\n', 15_000, 'f repaired in the new d');
    unlinkSync(f);
    await until(() => read(f) === 'in d\n', 15_000, 'f back in the new d');
    r.proc.kill('SIGINT');
    expect(await r.exited).toBe(130);
  }, 30_000);

  it('hot-swaps an edit of the running program without re-running what is in place', async () => {
    const out = join(dir, 'out');
    const extra = join(dir, 'extra');
    const before = execRes('append', `echo x >> ${out}`);
    const file = mcl('main.mcl', before);
    const r = start(['--tmp-prefix', '--lang', file]);
    await until(() => read(out) === 'x\n', 15_000, 'the exec to run');
    // Give the source watcher its initial scan (an edit in the first instant may go unseen).
    await new Promise((res) => setTimeout(res, 1000));
    writeFileSync(file, before + `file "${extra}" {\n\tstate => "exists",\n\tcontent => "new\\n",\n}\n`);
    await until(() => read(extra) === 'new\n', 15_000, 'the new file resource');
    await new Promise((res) => setTimeout(res, 500));
    expect(read(out)).toBe('x\n');
    r.proc.kill('SIGINT');
    expect(await r.exited).toBe(130);
  }, 30_000);

  it('applies literal edits without a full compile, and keeps running through one that does not type', async () => {
    const out = join(dir, 'out');
    const conf = join(dir, 'conf');
    const prog = (content: string, format: string) =>
      `import "fmt"\n${execRes('append', `echo x >> ${out}`)}file "${conf}" {\n\tcontent => fmt.printf("${format}\\n", "${content}"),\n}\n`;
    const file = mcl('main.mcl', prog('one', 'v=%s'));
    const r = start(['--tmp-prefix', '--debug', '--lang', file]);
    await until(() => read(conf) === 'v=one\n', 15_000, 'the first content');
    await new Promise((res) => setTimeout(res, 1000));
    writeFileSync(file, prog('two, longer', 'v=%s'));
    await until(() => read(conf) === 'v=two, longer\n', 15_000, 'the edited content');
    await r.waitFor(/literal edit: 1 literal\(s\) patched/);
    // A format that no longer fits its argument: the compiler's error, the running graph stays.
    writeFileSync(file, prog('two, longer', 'v=%d'));
    await r.waitFor(/main\.mcl:\d+:\d+: errUnify: .*printf/);
    await r.waitFor(/keeping the running graph/);
    expect(read(conf)).toBe('v=two, longer\n');
    // The next good edit is a literal edit of the last good program: patched, re-typed.
    writeFileSync(file, prog('three', 'w=%v'));
    await until(() => read(conf) === 'w=three\n', 15_000, 'the content after the bad edit');
    await r.waitFor(/2 literal\(s\) patched, types checked again/);
    expect(read(out)).toBe('x\n');
    r.proc.kill('SIGINT');
    expect(await r.exited).toBe(130);
  }, 30_000);

  it('sees a second save that comes right after the first (chokidar drops its event)', async () => {
    const conf = join(dir, 'conf');
    const prog = (content: string) => `file "${conf}" {\n\tcontent => "${content}\\n",\n}\n`;
    const file = mcl('main.mcl', prog('one'));
    const r = start(['--tmp-prefix', '--lang', file]);
    await until(() => read(conf) === 'one\n', 15_000, 'the first content');
    await new Promise((res) => setTimeout(res, 1000));
    writeFileSync(file, prog('two'));
    await new Promise((res) => setTimeout(res, 30));
    writeFileSync(file, prog('three'));
    await until(() => read(conf) === 'three\n', 15_000, 'the second save');
    r.proc.kill('SIGINT');
    expect(await r.exited).toBe(130);
  }, 30_000);

  it('--noop and Meta:noop leave the disk untouched', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const file = mcl('noop.mcl', `file "${a}" {\n\tstate => "exists",\n\tcontent => "a\\n",\n}\nfile "${b}" {\n\tstate => "exists",\n\tcontent => "b\\n",\n\tMeta:noop => true,\n}\n`);
    const r1 = start(['--tmp-prefix', '--converged-timeout=0', '--noop', '--lang', file]);
    expect(await r1.exited).toBe(0);
    expect(existsSync(a)).toBe(false);
    expect(existsSync(b)).toBe(false);
    const r2 = start(['--tmp-prefix', '--converged-timeout=0', '--lang', file]);
    expect(await r2.exited).toBe(0);
    expect(read(a)).toBe('a\n');
    expect(existsSync(b)).toBe(false);
  }, 30_000);

  it('sema lock:1 serialises and lock:2 runs two at a time', async () => {
    const mostWith = async (sema: string) => {
      const log = join(dir, `journal-${sema.replace(':', '')}`);
      const file = mcl(`sema-${sema.replace(':', '')}.mcl`, ['a', 'b', 'c', 'd'].map((n) => execRes(n, journaled(log, n, 0.5), `\tMeta:sema => ["${sema}"],\n`)).join(''));
      const r = start(['--tmp-prefix', '--converged-timeout=0', '--lang', file]);
      expect(await r.exited, r.err()).toBe(0);
      const lines = readFileSync(log, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(8);
      return mostAtOnce(lines);
    };
    expect(await mostWith('lock:1')).toBe(1);
    expect(await mostWith('lock:2')).toBe(2);
  }, 60_000);

  it('retry/delay recover a flaky command; its dependent runs after', async () => {
    const count = join(dir, 'count');
    const done = join(dir, 'done');
    const file = mcl(
      'retry.mcl',
      execRes('flaky', `n=$(cat ${count} 2>/dev/null || echo 0); n=$((n+1)); echo $n > ${count}; test $n -ge 3`, '\tMeta:retry => 3,\n\tMeta:delay => 200,\n') +
        `file "${done}" {\n\tstate => "exists",\n\tcontent => "ok\\n",\n\tDepend => Exec["flaky"],\n}\n`,
    );
    const r = start(['--tmp-prefix', '--converged-timeout=0', '--lang', file]);
    expect(await r.exited).toBe(0);
    expect(read(count)).toBe('3\n');
    expect(read(done)).toBe('ok\n');
  }, 30_000);

  it('a failing branch does not stop an independent one; exit 2 names the failure', async () => {
    const blocked = join(dir, 'blocked');
    const other = join(dir, 'other');
    const file = mcl(
      'fail.mcl',
      execRes('bad', 'exit 3') +
        `file "${blocked}" {\n\tstate => "exists",\n\tcontent => "no\\n",\n\tDepend => Exec["bad"],\n}\n` +
        `file "${other}" {\n\tstate => "exists",\n\tcontent => "yes\\n",\n}\n`,
    );
    const r = start(['--tmp-prefix', '--converged-timeout=0', '--lang', file]);
    expect(await r.exited).toBe(2);
    expect(read(other)).toBe('yes\n');
    expect(existsSync(blocked)).toBe(false);
    expect(r.err()).toMatch(/exec\[bad\]: .*failed permanently/);
  }, 30_000);

  it('exits 1 when the code does not compile', async () => {
    const file = mcl('bad.mcl', 'file "/tmp/x" {\n\tcontent => 42,\n}\n');
    const r = start(['--tmp-prefix', '--converged-timeout=0', '--lang', file]);
    expect(await r.exited).toBe(1);
    expect(r.err()).toMatch(/errUnify/);
  }, 30_000);

  it('exits 1 at once, with one error, for a directory without main.mcl (however busy the directory)', async () => {
    const empty = join(dir, 'busy');
    mkdirSync(empty);
    // A large directory with churn in it while the run starts and stops: nothing may
    // scan it or react to it (a watch on it took seconds and recompiled on every write).
    for (let n = 0; n < 3000; n++) writeFileSync(join(empty, `old${n}`), '');
    let i = 0;
    const churn = setInterval(() => writeFileSync(join(empty, `f${i++ % 20}`), String(i)), 2);
    try {
      const r = start(['--tmp-prefix', '--lang', empty]);
      expect(await r.exited).toBe(1);
      expect(r.err().match(/could not read the entry file/g)).toHaveLength(1);
      expect(r.err()).toContain(join(empty, 'main.mcl'));
    } finally {
      clearInterval(churn);
    }
  }, 30_000);

  it('runs a group of twenty resources without a listener-leak warning', async () => {
    const file = mcl('noops.mcl', Array.from({ length: 20 }, (_, i) => `noop "n${i}" {}\n`).join(''));
    const r = start(['--tmp-prefix', '--converged-timeout=0', '--lang', file]);
    expect(await r.exited).toBe(0);
    expect(r.err()).toContain('converged');
    expect(r.err()).not.toMatch(/MaxListenersExceededWarning/);
  }, 30_000);

  it('runs a YAML graph, warning about an unknown param by name', async () => {
    const f = join(dir, 'y1');
    const y = join(dir, 'g.yaml');
    writeFileSync(y, `graph: g\nresources:\n  file:\n  - name: ${f}\n    state: exists\n    content: "hi\\n"\n    bogus: 1\n`);
    const r = start(['--tmp-prefix', '--converged-timeout=0', '--yaml', y]);
    expect(await r.exited).toBe(0);
    expect(read(f)).toBe('hi\n');
    expect(r.err()).toContain('unknown param `bogus`');
  }, 30_000);

  it('--max-runtime stops a run that would go on forever', async () => {
    const file = mcl('idle.mcl', 'noop "n" {}\n');
    const r = start(['--tmp-prefix', '--max-runtime', '1', '--lang', file]);
    // It stops (the test's timeout is the hang guard), and not before its second is up
    // (waitFor counts from the spawn, which is before the process's own clock starts).
    expect(await r.exited).toBe(0);
    expect(await r.waitFor(/max runtime of 1 s reached/)).toBeGreaterThanOrEqual(1000);
  }, 30_000);

  it('refuses a second agent on the same prefix', async () => {
    const prefix = join(dir, 'prefix');
    const file = mcl('idle.mcl', 'noop "n" {}\n');
    const r1 = start(['--prefix', prefix, '--lang', file]);
    await r1.waitFor(/^running /);
    const r2 = start(['--prefix', prefix, '--converged-timeout=0', '--lang', file]);
    expect(await r2.exited).toBe(3);
    expect(r2.err()).toMatch(/another mgmt \(pid \d+\) is already running with the prefix/);
    r1.proc.kill('SIGTERM');
    expect(await r1.exited).toBe(143);
    expect(existsSync(join(prefix, 'mgmt.lock'))).toBe(false);
  }, 30_000);
});

describe('mgmt graph --yaml', () => {
  it('prints a YAML graph like an mcl one', () => {
    const r = mgmt(['graph', '--yaml', 'examples/yaml/exec-parallel.yaml']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter(Boolean)).toEqual([
      'Edge: exec[exec1] -> exec[exec2] # exec[exec1] -> exec[exec2]',
      'Edge: exec[exec2] -> exec[exec3] # exec[exec2] -> exec[exec3]',
      'Vertex: exec[exec1]',
      'Vertex: exec[exec2]',
      'Vertex: exec[exec3]',
      'Vertex: exec[exec4]',
    ]);
  });
});
