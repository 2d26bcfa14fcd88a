// The running `remote` resource (docs/remote.md, "The remote resource").
//
// state running: CheckApply starts a RemoteAgent (the machinery of
// `mgmt run --remote`) that runs this run's program on the host under its
// own hostname. A transient agent with a converger timeout is waited for, as
// upstream does: the resource is converged once the remote agent converged
// and exited 0. Otherwise CheckApply returns once the agent has started, and
// Watch reports when it ends or the connection is lost for good; the next
// CheckApply then fails with the reason (Meta:retry starts it again).
// Cleanup stops a transient agent (SIGTERM, then its directory is removed),
// and leaves a non-transient one running.
//
// Every started agent is recorded on the remote host, in
// ~/.cache/mgmt/remote/agents/<uid> (uid: a hash of the resource's name), so
// that state stopped (in this run or a later one) finds it and stops it.

import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import type { Client } from 'ssh2';
import type { Resource, ResourceRuntime } from '../engine/resource.js';
import type { ResourceSpec } from '../resources/kind.js';
import { getBool, getInt, getStr, getStrPtr, has } from '../resources/common.js';
import { untilAborted } from '../resources/file/watch.js';
import type { AgentOptions, RemoteAgent } from './agent.js';
import { runContext } from './context.js';
import { canPrompt } from './prompt.js';
import { parseTarget, type Target } from './url.js';
import { depthRefusal } from './depth.js';

const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const RECORDS = '"${XDG_CACHE_HOME:-$HOME/.cache}/mgmt/remote/agents"';

interface Ended {
  exitCode?: number;
  error?: Error;
}

export class RemoteResource implements Resource {
  private agent?: RemoteAgent;
  private running?: Promise<void>;
  private ended?: Ended;
  private notify?: () => void;
  /** A CheckApply is waiting for the agent to exit (it reports the exit itself). */
  private waiting = false;
  private log?: ResourceRuntime['log'];

  constructor(public spec: ResourceSpec) {}

  private target(): Target {
    const raw = getStr(this.spec, 'remote') || this.spec.name;
    return parseTarget(raw.includes('://') ? raw : `ssh://${raw}`);
  }

  /** A stable id for the record on the remote host: the resource's identity, not the process's. */
  private uid(): string {
    return createHash('sha256').update(`remote:${this.spec.name}`).digest('hex').slice(0, 10);
  }

  private sshOptions(): AgentOptions {
    const id = getStrPtr(this.spec, 'ssh_id');
    const key = getStr(this.spec, 'hostkey').trim();
    return {
      identity: id ? id.replace(/^~(?=\/|$)/, homedir()) : undefined,
      hostKey: key || undefined,
      // Upstream's default is no prompt; with interactive, ask on the terminal (if there is one).
      interactive: getBool(this.spec, 'interactive') && canPrompt(),
      // Upstream's params: seconds for the login while a password may be typed, and how many tries.
      timeoutMs: getBool(this.spec, 'interactive') && Number(getInt(this.spec, 'interactive_timeout')) > 0 ? Number(getInt(this.spec, 'interactive_timeout')) * 1000 : undefined,
      passwordTries: has(this.spec, 'max_password_tries') ? Math.max(0, Number(getInt(this.spec, 'max_password_tries'))) : undefined,
      convergedTimeout: -1,
    };
  }

  async init(rt: ResourceRuntime): Promise<void> {
    this.log = rt.log;
    if (getBool(this.spec, 'interactive') && !canPrompt()) rt.log.warn('interactive: stdin is not a terminal, so no password can be asked for');
  }

  async watch(rt: ResourceRuntime): Promise<void> {
    this.notify = () => rt.event();
    rt.running();
    await untilAborted(rt.signal);
    this.notify = undefined;
  }

  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    if (getStr(this.spec, 'state', 'running') === 'stopped') return this.ensureStopped(rt, apply);
    if (this.running) return true; // ours, still running
    if (this.ended) {
      const e = this.ended;
      if (!e.error && e.exitCode === 0) return true; // it converged and exited: done
      // Not started again by itself (an agent that fails at once would be started without
      // end): it stays failed until the program changes (a swap makes a new resource).
      throw e.error ?? new Error(`the remote agent exited with ${e.exitCode}`);
    }
    if (!apply) return false;
    // A non-transient agent from an earlier run may still be there.
    if (!getBool(this.spec, 'transient', true) && (await this.inspect(false))) {
      rt.log.info('the remote agent is already running');
      return true;
    }
    const waits = await this.start(rt);
    if (!waits) return false;
    // Transient with a converger timeout: wait for it to converge and exit (or for us to stop).
    this.waiting = true;
    try {
      await Promise.race([this.running, untilAborted(rt.signal)]);
    } finally {
      this.waiting = false;
    }
    if (rt.signal.aborted) return false; // cleanup stops it
    const e = this.ended as Ended | undefined;
    if (e?.error) throw e.error;
    if (e?.exitCode !== 0) throw new Error(`the remote agent exited with ${e?.exitCode}`);
    rt.log.info('the remote agent exited with 0');
    return false;
  }

  /** Start the agent; resolves once it runs (true: the caller should wait for it to exit), rejects when it could not start. */
  private async start(rt: ResourceRuntime): Promise<boolean> {
    const ctx = runContext();
    if (!ctx.program) throw new Error('the remote resource sends this run\'s mcl program to the remote agent: run it with `mgmt run --lang`');
    const transient = getBool(this.spec, 'transient', true);
    const ct = has(this.spec, 'converger_timeout') ? Number(getInt(this.spec, 'converger_timeout')) : transient && ctx.convergedTimeout >= 0 ? ctx.convergedTimeout : -1;
    const etcd = getBool(this.spec, 'tunnelled', true) ? ctx.etcd?.() : undefined;
    const tunnelAddr = getStr(this.spec, 'tunnel_addr') || '127.0.0.1:2379';
    const { RemoteAgent } = await import('./agent.js');
    const { warnAboutPassword } = await import('./ssh.js');
    const target = this.target();
    const refused = depthRefusal(`the remote agent on ${target.host}`, rt.hostname, getStr(this.spec, 'hostname') || target.host);
    if (refused) throw new Error(refused);
    warnAboutPassword(target);
    let onStarted!: () => void;
    let up = false;
    const started = new Promise<void>((r) => (onStarted = r));
    const agent = (this.agent = new RemoteAgent(target, ctx.program, {
      ...this.sshOptions(),
      convergedTimeout: ct,
      noCaching: !getBool(this.spec, 'caching', true),
      etcd,
      tunnelPort: Number(tunnelAddr.slice(tunnelAddr.lastIndexOf(':') + 1)),
      hostname: getStr(this.spec, 'hostname') || undefined,
      output: (l) => rt.log.info(l),
      started: async (dir, conn) => {
        await this.record(conn, dir);
        up = true;
        onStarted();
      },
    }));
    rt.log.info(`starting mgmt on ${agent.name}${etcd ? `, its World tunnelled to ${etcd}` : ''}`);
    const done: Promise<Ended> = agent.run().then(
      (r) => ({ exitCode: r.exitCode }),
      (e: Error) => ({ error: e }),
    );
    this.running = done.then((e) => {
      this.ended = e;
      this.running = undefined;
      this.agent = undefined;
      // One that never started, or one a CheckApply waits for, is that CheckApply's to report: no event.
      if (!up || this.waiting) return;
      if (e.error) rt.log.error(e.error.message);
      else rt.log.info(`the remote agent exited with ${e.exitCode}`);
      this.notify?.();
    });
    const first = await Promise.race([started.then(() => undefined), done]);
    if (first) {
      // It never started: the run is over, its reason is the error.
      await this.running;
      this.ended = undefined;
      if (first.error) first.error.message = first.error.message.replace('--ssh-hostkey pins', 'the hostkey param pins');
      throw first.error ?? new Error(`the remote agent could not start (exit ${first.exitCode})`);
    }
    rt.log.info(`the remote agent is running${ct >= 0 ? `; it exits ${ct} s after it converged` : ''}`);
    // With a World the agent's converged timeout is cluster-wide and counts this host too, so
    // waiting here would wait for ourselves: the run's own convergence covers the agent then.
    return transient && ct >= 0 && !etcd;
  }

  /** Remember where the agent runs, so that state stopped finds it later. Never fails the start. */
  private async record(conn: Client, dir: string): Promise<void> {
    const { exec } = await import('./ssh.js');
    const r = await exec(conn, `mkdir -p ${RECORDS} && printf '%s\\n' ${sq(dir)} >${RECORDS}/${this.uid()}`).catch((e: Error) => ({ code: 1, stderr: e.message, stdout: '' }));
    if (r.code !== 0) this.log?.warn(`could not record the remote agent (state stopped will not find it): ${r.stderr.trim()}`);
  }

  /** Whether the recorded agent runs on the host; with `stop`, stop it (TERM, then KILL after 10 s) and remove its directory. */
  private async inspect(stop: boolean): Promise<boolean> {
    const { connectRetrying, exec } = await import('./ssh.js');
    const conn = await connectRetrying(this.target(), this.sshOptions(), 3);
    try {
      // The pid must still be the agent started in that directory (its command line names it).
      const alive = `[ -s "$d/pid" ] && [ ! -e "$d/rc" ] && p=$(cat "$d/pid") && grep -qF "$d/" /proc/$p/cmdline 2>/dev/null`;
      const stopIt = `kill -TERM $p; i=0; while ${alive} && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; ${alive} && kill -KILL $p; i=0; while [ ! -e "$d/rc" ] && [ $i -lt 20 ]; do sleep 0.1; i=$((i+1)); done; rm -rf "$d" "$r"; echo stopped`;
      // A record names a directory that mktemp made for an agent, nothing else (it is about to be removed).
      const script = `r=${RECORDS}/${this.uid()}; [ -s "$r" ] || exit 0; d=$(cat "$r"); case "$d" in /*/mgmt-remote.*) ;; *) echo "bad record $r" >&2; exit 3;; esac; if ${alive}; then ${stop ? stopIt : 'echo running'}; else ${stop ? 'rm -rf "$d" "$r"' : ':'}; fi`;
      const out = await exec(conn, script);
      if (out.code !== 0) throw new Error(`checking the remote agent failed (exit ${out.code}): ${out.stderr.trim()}`);
      return /running|stopped/.test(out.stdout);
    } finally {
      conn.end();
    }
  }

  private async ensureStopped(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    if (this.running) {
      // Ours (cannot happen with a fixed state, but be exact).
      if (!apply) return false;
      await this.agent?.stop();
      await this.running;
      return false;
    }
    if (!apply) return !(await this.inspect(false));
    const was = await this.inspect(true);
    if (was) rt.log.info('stopped the remote agent');
    return !was;
  }

  async cleanup(): Promise<void> {
    const a = this.agent;
    if (!a || !this.running) return;
    if (getBool(this.spec, 'transient', true)) {
      this.log?.info('stopping the remote agent (transient)');
      await a.stop();
    } else {
      this.log?.info('leaving the remote agent running (transient is false)');
      await a.detach();
    }
    await this.running;
  }
}
