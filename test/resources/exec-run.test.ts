// The exec resource running real processes.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KINDS } from '../../src/resources/index.js';
import type { Resource } from '../../src/engine/resource.js';
import { MapValue, type Value } from '../../src/lang/types/value.js';
import { splitWords } from '../../src/resources/exec/run.js';
import { spec } from './helpers.js';
import { makeRuntime, startWatch, tempDir, type TestRuntime } from './runtime-helper.js';

const make = (name: string, params: Record<string, Value> = {}): Resource => KINDS.get('exec')!.create!(spec('exec', name, params));

let t: TestRuntime;
let dir: string;
afterEach(() => {
  t?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
function setup(): void {
  t = makeRuntime();
  dir = tempDir();
}

describe('exec', () => {
  it('splits a command like a shell does for a simple command', () => {
    expect(splitWords(`echo "a b" 'c d' e\\ f "q\\"x" ''`)).toEqual(['echo', 'a b', 'c d', 'e f', 'q"x', '']);
    expect(() => splitWords(`echo "oops`)).toThrow('unterminated quote');
  });

  it('runs once, sends output/stdout/stderr, then is in state until a refresh', async () => {
    setup();
    const log = join(dir, 'runs');
    const res = make('runner', { cmd: `sh -c 'echo out; echo err >&2; echo x >> ${log}'` });
    await res.init(t.rt);
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(t.sent.at(-1)).toEqual({ output: 'out\nerr\n', stdout: 'out\n', stderr: 'err\n' });
    expect(await res.checkApply(t.rt, true)).toBe(true);
    expect(readFileSync(log, 'utf8')).toBe('x\n');
    t.refreshPending = true;
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(log, 'utf8')).toBe('x\nx\n');
  });

  it('shell, args, cwd and env', async () => {
    setup();
    const res = make('s', { cmd: 'echo "$FOO" $(pwd)', shell: '/bin/sh', cwd: dir, env: MapValue.from([['FOO', 'bar']]) });
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(t.sent.at(-1)!.stdout).toBe(`bar ${dir}\n`);
    const withArgs = make('printf', { args: ['%s-%s', 'a b', 'c'] });
    expect(await withArgs.checkApply(t.rt, true)).toBe(false);
    expect(t.sent.at(-1)!.stdout).toBe('a b-c');
  });

  it('a non-zero exit is an error with the code and the end of stderr', async () => {
    setup();
    const res = make('f', { cmd: 'echo bad thing >&2; exit 3', shell: '/bin/sh' });
    await expect(res.checkApply(t.rt, true)).rejects.toThrow(/exit status 3; stderr:\nbad thing/);
    await expect(make('/no/such/program').checkApply(t.rt, true)).rejects.toThrow('cannot run `/no/such/program`');
  });

  it('creates: skipped while the path exists; noop runs nothing', async () => {
    setup();
    const made = join(dir, 'made');
    const res = make('c', { cmd: `touch ${made}`, creates: made });
    expect(await res.checkApply(t.rt, false)).toBe(false);
    expect(existsSync(made)).toBe(false);
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(existsSync(made)).toBe(true);
    const again = make('c2', { cmd: `rm ${made}`, creates: made });
    expect(await again.checkApply(t.rt, true)).toBe(true);
    expect(existsSync(made)).toBe(true);
  });

  it('ifcmd, ifequals and nifcmd guard the run', async () => {
    setup();
    expect(await make('a', { cmd: 'true', ifcmd: 'false' }).checkApply(t.rt, true)).toBe(true);
    expect(await make('b', { cmd: 'true', ifcmd: 'true' }).checkApply(t.rt, true)).toBe(false);
    expect(await make('c', { cmd: 'true', ifcmd: 'echo yes', ifequals: 'no' }).checkApply(t.rt, true)).toBe(true);
    expect(await make('d', { cmd: 'true', ifcmd: 'echo yes', ifequals: 'yes' }).checkApply(t.rt, true)).toBe(false);
    expect(await make('e', { cmd: 'true', nifcmd: 'true' }).checkApply(t.rt, true)).toBe(true);
    expect(await make('f', { cmd: 'true', nifcmd: 'false' }).checkApply(t.rt, true)).toBe(false);
  });

  it('watchcmd: each line it prints is an event and makes it run again', async () => {
    setup();
    const fifo = join(dir, 'lines');
    writeFileSync(fifo, '');
    const res = make('w', { cmd: 'true', watchcmd: `tail -f ${fifo}` });
    await res.init(t.rt);
    const { done } = await startWatch(t, res);
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(await res.checkApply(t.rt, true)).toBe(true);
    writeFileSync(fifo, 'one\ntwo\n');
    await t.until(() => t.events >= 2, 5000, 'two events');
    expect(await res.checkApply(t.rt, true)).toBe(false);
    t.ctl.abort();
    await done;
  });

  it('watchcmd that exits fails the watch', async () => {
    setup();
    const res = make('w', { cmd: 'true', watchcmd: 'echo hi; echo dying >&2; exit 4', watchshell: '/bin/sh' });
    await expect(res.watch(t.rt)).rejects.toThrow(/watchcmd exited \(exit status 4\): dying/);
  });

  it('watchfiles: a change is an event', async () => {
    setup();
    const f = join(dir, 'watched');
    const res = make('wf', { cmd: 'true', watchfiles: [f] });
    const { done } = await startWatch(t, res);
    writeFileSync(f, 'x');
    await t.until(() => t.events > 0, 3000, 'an event');
    t.ctl.abort();
    await done;
  });

  it('mtimes: runs again only when a file changed since the last run', async () => {
    setup();
    const f = join(dir, 'src');
    writeFileSync(f, '1');
    const count = join(dir, 'count');
    const mk = () => make('m', { cmd: `echo x >> ${count}`, shell: '/bin/sh', mtimes: [f] });
    expect(await mk().checkApply(t.rt, true)).toBe(false);
    expect(await mk().checkApply(t.rt, true)).toBe(true); // a fresh resource (a restart): state dir remembers
    writeFileSync(f, '22');
    const later = new Date(Date.now() + 5000);
    (await import('node:fs')).utimesSync(f, later, later);
    expect(await mk().checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(count, 'utf8')).toBe('x\nx\n');
  });

  it('creates is watched: its removal is an event, and the next CheckApply runs cmd again', async () => {
    setup();
    const made = join(dir, 'made');
    const res = make('c', { cmd: `touch ${made}`, creates: made });
    const { done } = await startWatch(t, res);
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(await res.checkApply(t.rt, true)).toBe(true);
    const before = t.events;
    rmSync(made);
    await t.until(() => t.events > before, 3000, 'an event for the removal');
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(existsSync(made)).toBe(true);
    t.ctl.abort();
    await done;
  });

  it('refresh_only: in state until a refresh notification, then runs (guards still apply)', async () => {
    setup();
    const count = join(dir, 'count');
    const res = make('r', { cmd: `echo x >> ${count}`, shell: '/bin/sh', refresh_only: true });
    expect(await res.checkApply(t.rt, true)).toBe(true);
    expect(await res.checkApply(t.rt, false)).toBe(true); // noop: nothing would run either
    expect(existsSync(count)).toBe(false);
    t.refreshPending = true;
    expect(await res.checkApply(t.rt, false)).toBe(false);
    expect(t.logs.at(-1)).toBe(`would run \`echo x >> ${count}\` (notified)`);
    t.refreshPending = true;
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(await res.checkApply(t.rt, true)).toBe(true);
    expect(readFileSync(count, 'utf8')).toBe('x\n');
    const guarded = make('g', { cmd: `echo y >> ${count}`, shell: '/bin/sh', refresh_only: true, creates: count });
    t.refreshPending = true;
    expect(await guarded.checkApply(t.rt, true)).toBe(true);
    expect(readFileSync(count, 'utf8')).toBe('x\n');
  });

  it('the abort signal (a timeout) kills the command', async () => {
    setup();
    const res = make('slow', { cmd: 'sleep 30' });
    const started = Date.now();
    const p = res.checkApply(t.rt, true);
    // The engine aborts with a TimeoutError for Meta:timeout, as AbortSignal.timeout does.
    setTimeout(() => t.ctl.abort(new DOMException('timed out', 'TimeoutError')), 100);
    await expect(p).rejects.toThrow('the command `sleep 30` timed out (sent SIGKILL)');
    // Killed, not waited for: well under the command's 30 s even on a loaded machine.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
