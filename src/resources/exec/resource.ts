// The running exec resource (params, Validate and AutoEdges are in
// ../exec.ts).
//
// When does it run? Like upstream, an exec cannot see its own effect, so it
// counts as in state once its command has succeeded, until something says
// otherwise: an event from its watchcmd/watchfiles/mtimes/creates watch, or a
// refresh notification. So without guards it runs once per graph (a changed
// exec after a swap is a new resource and runs again); with `refresh_only`
// (ours, not upstream's) only a notification runs it. Before running, its guards
// are checked every time: `creates` exists, `ifcmd` fails or its output does
// not match `ifequals`/`ifequals_stdout`, `nifcmd` succeeds, or `mtimes`
// unchanged since the last run → in state, not run.

import type { ChildProcess } from 'node:child_process';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Resource, ResourceRuntime } from '../../engine/resource.js';
import type { ResourceSpec } from '../kind.js';
import { getBool, getStr, getStrList, getStrMap, getStrPtr } from '../common.js';
import { execCmd } from '../exec.js';
import { writeAtomic } from '../file/atomic.js';
import { gidOf, primaryGid, uidOf } from '../file/owner.js';
import { untilAborted, watchPaths } from '../file/watch.js';
import { childProcess, readline } from '../../util/builtins.js';
import { argvFor, envFor, lastLines, runProcess, type RunOpts, type RunResult } from './run.js';

interface Outputs {
  output: string;
  stdout: string;
  stderr: string;
}

/** Output compared with ifequals: exact, or with its one trailing newline dropped (`echo yes`). */
const sameOutput = (got: string, want: string): boolean => got === want || got.replace(/\n$/, '') === want;

export class ExecResource implements Resource {
  /** The command ran successfully and nothing has happened since. */
  private done = false;
  private last: Outputs | undefined;
  private ids: { uid?: number; gid?: number } = {};

  constructor(public spec: ResourceSpec) {}

  /** Resolves user/group; running as another user or group needs root. */
  async init(_rt: ResourceRuntime): Promise<void> {
    const user = getStr(this.spec, 'user');
    const group = getStr(this.spec, 'group');
    if (user !== '') this.ids.uid = await uidOf(user);
    if (group !== '') this.ids.gid = await gidOf(group);
    else if (user !== '') this.ids.gid = await primaryGid(user);
    const root = process.getuid?.() === 0;
    if (!root && this.ids.uid !== undefined && this.ids.uid !== process.getuid?.()) throw new Error(`running as user \`${user}\` needs root`);
    if (!root && this.ids.gid !== undefined && this.ids.gid !== process.getgid?.()) throw new Error(`running as group \`${group || user}\` needs root`);
  }

  /** Events from each stdout line of watchcmd, and from changes to watchfiles, mtimes and creates (as upstream watches it). */
  async watch(rt: ResourceRuntime): Promise<void> {
    const creates = getStr(this.spec, 'creates');
    const files = [...getStrList(this.spec, 'watchfiles'), ...getStrList(this.spec, 'mtimes'), ...(creates !== '' ? [creates] : [])];
    const watchcmd = getStr(this.spec, 'watchcmd');
    const changed = () => {
      this.done = false;
      rt.event();
    };
    let fail: (e: Error) => void = () => undefined;
    const failed = new Promise<never>((_, rej) => (fail = rej));
    const watcher = files.length > 0 ? await watchPaths(files.map((path) => ({ path })), changed, (e) => fail(e)) : undefined;
    let child: ChildProcess | undefined;
    try {
      if (watchcmd !== '') child = this.startWatchCmd(rt, watchcmd, changed, fail);
      rt.running();
      await Promise.race([untilAborted(rt.signal), failed]);
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) child.kill(this.killSignal);
      await watcher?.close();
    }
  }

  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    const refresh = rt.refresh();
    if (refresh) this.done = false; // a notification re-runs it
    // refresh_only: in state until notified (Puppet's refreshonly); the guards still apply then.
    if (getBool(this.spec, 'refresh_only') && !refresh) return this.skip(rt);
    if (this.done) return this.skip(rt);
    if (await this.guardsSayInState(rt)) return this.skip(rt);
    const cmd = execCmd(this.spec);
    if (!apply) {
      rt.log.info(`would run \`${cmd}\`${refresh ? ' (notified)' : ''}`);
      return false;
    }

    const argv = argvFor(cmd, getStr(this.spec, 'shell'), getStrList(this.spec, 'args'));
    const r = await runProcess(argv, this.runOpts(rt, getStr(this.spec, 'cwd')));
    if (r.code !== 0) throw exitError('cmd', r);
    rt.log.info(`ran \`${cmd}\``);
    for (const line of r.output.split('\n').filter((l) => l !== '')) rt.log.debug(`output: ${line}`);
    this.last = { output: r.output, stdout: r.stdout, stderr: r.stderr };
    rt.send({ ...this.last });

    const donecmd = getStr(this.spec, 'donecmd');
    if (donecmd !== '') {
      const d = await runProcess(argvFor(donecmd, getStr(this.spec, 'doneshell')), this.runOpts(rt, getStr(this.spec, 'donecwd')));
      if (d.code !== 0) throw exitError('donecmd', d);
    }
    await this.recordMtimes(rt);
    this.done = true;
    return false;
  }

  async cleanup(): Promise<void> {}

  // ---- private helpers ------------------------------------------------------

  private get killSignal(): NodeJS.Signals {
    const s = getStr(this.spec, 'sig');
    if (s === '') return 'SIGKILL';
    return (s.startsWith('SIG') ? s : `SIG${s}`) as NodeJS.Signals;
  }

  private runOpts(rt: ResourceRuntime, cwd: string): RunOpts {
    return { cwd, env: getStrMap(this.spec, 'env'), uid: this.ids.uid, gid: this.ids.gid, signal: rt.signal, killSignal: this.killSignal };
  }

  /** In state without running: send what the last run produced, else the send_* stand-ins that are set. */
  private skip(rt: ResourceRuntime): true {
    if (this.last) rt.send({ ...this.last });
    else {
      const stand: Record<string, string> = {};
      for (const k of ['output', 'stdout', 'stderr'] as const) {
        const v = getStrPtr(this.spec, `send_${k}`);
        if (v !== undefined) stand[k] = v;
      }
      if (Object.keys(stand).length > 0) rt.send(stand);
    }
    return true;
  }

  /** creates, ifcmd (+ ifequals), nifcmd and mtimes: true when one of them says "do not run". */
  private async guardsSayInState(rt: ResourceRuntime): Promise<boolean> {
    const creates = getStr(this.spec, 'creates');
    if (creates !== '' && (await stat(creates).catch(() => undefined))) return true;

    const ifcmd = getStr(this.spec, 'ifcmd');
    if (ifcmd !== '') {
      const r = await runProcess(argvFor(ifcmd, getStr(this.spec, 'ifshell')), this.runOpts(rt, getStr(this.spec, 'ifcwd')));
      if (r.code !== 0) return true;
      const eq = getStrPtr(this.spec, 'ifequals');
      if (eq !== undefined && !sameOutput(r.output, eq)) return true;
      const eqOut = getStrPtr(this.spec, 'ifequals_stdout');
      if (eqOut !== undefined && !sameOutput(r.stdout, eqOut)) return true;
    }

    const nifcmd = getStr(this.spec, 'nifcmd');
    if (nifcmd !== '') {
      const r = await runProcess(argvFor(nifcmd, getStr(this.spec, 'nifshell')), this.runOpts(rt, getStr(this.spec, 'nifcwd')));
      if (r.code === 0) return true;
    }

    const mtimes = getStrList(this.spec, 'mtimes');
    if (mtimes.length > 0) {
      const seen = await readFile(this.mtimesFile(rt), 'utf8').catch(() => undefined);
      if (seen !== undefined && seen === JSON.stringify(await currentMtimes(mtimes))) return true;
    }
    return false;
  }

  private mtimesFile(rt: ResourceRuntime): string {
    return join(rt.stateDir, 'exec-mtimes.json');
  }

  private async recordMtimes(rt: ResourceRuntime): Promise<void> {
    const mtimes = getStrList(this.spec, 'mtimes');
    if (mtimes.length === 0) return;
    await mkdir(rt.stateDir, { recursive: true });
    await writeAtomic(this.mtimesFile(rt), JSON.stringify(await currentMtimes(mtimes)));
  }

  private startWatchCmd(rt: ResourceRuntime, watchcmd: string, changed: () => void, fail: (e: Error) => void): ChildProcess {
    const argv = argvFor(watchcmd, getStr(this.spec, 'watchshell'));
    const child = childProcess().spawn(argv[0], argv.slice(1), { cwd: getStr(this.spec, 'watchcwd') || undefined, env: envFor(getStrMap(this.spec, 'env')), uid: this.ids.uid, gid: this.ids.gid, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4096)));
    readline().createInterface({ input: child.stdout! }).on('line', () => changed());
    child.on('error', (e) => fail(new Error(`cannot run the watchcmd \`${argv[0]}\`: ${e.message}`)));
    child.on('close', (code, sig) => {
      if (rt.signal.aborted) return;
      const tail = lastLines(stderr);
      fail(new Error(`the watchcmd exited (${code !== null ? `exit status ${code}` : `signal ${sig}`})${tail ? `: ${tail}` : ''}`));
    });
    return child;
  }
}

function exitError(what: string, r: RunResult): Error {
  const how = r.code !== null ? `exit status ${r.code}` : `killed by ${r.signal}`;
  const tail = lastLines(r.stderr);
  return new Error(`${what} error, ${how}${tail ? `; stderr:\n${tail}` : ''}`);
}

async function currentMtimes(paths: string[]): Promise<Record<string, number | null>> {
  const out: Record<string, number | null> = {};
  for (const p of paths) out[p] = (await stat(p).catch(() => undefined))?.mtimeMs ?? null;
  return out;
}
