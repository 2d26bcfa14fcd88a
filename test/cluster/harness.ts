// Agents for cluster tests: each a separate `mgmt run` (bin/mgmt) with its
// own --hostname and --prefix, on its own loopback address 127.0.0.N and
// random free ports; etcdctl to look at the cluster as a user would. Every
// process is SIGKILLed in teardown, and so is any etcd left on our data.

import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launcher, root } from '../helpers/cli.js';
import { commandMissing } from '../helpers/components.js';
import { freePort } from '../helpers/net.js';

/** Why the cluster tests cannot run here (etcd or etcdctl missing), or undefined. */
export const etcdMissing: string | undefined = commandMissing('etcd', 'etcd-server') ?? commandMissing('etcdctl', 'etcd-client', ['version']);

/** Tuned etcd timers and short leases, so that faults are noticed in seconds (docs/cluster.md). */
export const ENV = {
  ...process.env,
  MGMT_ETCD_FLAGS: '--heartbeat-interval 50 --election-timeout 500',
  MGMT_CLUSTER_TTL: '2',
};

export { freePort };

export interface Agent {
  host: string;
  prefix: string;
  client: string;
  server: string;
  proc: ChildProcess;
  err(): string;
  exited: Promise<number | null>;
  /** ms from now until a stderr line matches `re` (counting lines already seen after `from`). */
  waitFor(re: RegExp, ms?: number, from?: number): Promise<void>;
  /** pid of this agent's etcd, from the pid file next to its data dir. */
  etcdPid(): number | undefined;
}

export class Harness {
  readonly dir = mkdtempSync(join(tmpdir(), 'mgmt-cluster-'));
  readonly program = join(this.dir, 'p.mcl');
  readonly agents: Agent[] = [];

  constructor() {
    writeFileSync(this.program, 'noop "n1" {}\n');
  }

  /** Start `mgmt run` for host hN on 127.0.0.N with random ports, plus `extra` flags. */
  async start(n: number, extra: string[], env: NodeJS.ProcessEnv = ENV): Promise<Agent> {
    const ip = `127.0.0.${n}`;
    const client = `http://${ip}:${await freePort(ip)}`;
    const server = `http://${ip}:${await freePort(ip)}`;
    return this.spawn(`h${n}`, ['--client-urls', client, '--server-urls', server, ...extra], client, server, env);
  }

  spawn(host: string, flags: string[], client: string, server: string, env: NodeJS.ProcessEnv = ENV): Agent {
    const prefix = join(this.dir, host);
    const proc = spawn(launcher, ['run', '--hostname', host, '--prefix', prefix, '--lang', this.program, ...flags], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (d: string) => (err += d));
    const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
    const agent: Agent = {
      host,
      prefix,
      client,
      server,
      proc,
      err: () => err,
      exited,
      async waitFor(re, ms = 20_000, from = 0) {
        await until(() => re.test(err.slice(from)), ms, `${host}: no line matching ${re} in:\n${err}`);
      },
      etcdPid() {
        try {
          return Number(readFileSync(join(prefix, 'etcd.pid'), 'utf8').trim());
        } catch {
          return undefined;
        }
      },
    };
    this.agents.push(agent);
    return agent;
  }

  /** SIGKILL every agent, then any etcd still running on one of our data dirs. */
  teardown(): void {
    for (const a of this.agents) if (a.proc.exitCode === null) a.proc.kill('SIGKILL');
    for (const pid of etcdPidsUnder(this.dir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** pids of etcd processes whose command line names a path under `dir`. */
export function etcdPidsUnder(dir: string): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
      if (cmd[0].endsWith('etcd') && cmd.some((a) => a.startsWith(dir))) out.push(Number(p));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string | (() => string)): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    if (await cond()) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${ms} ms: ${typeof what === 'function' ? what() : what}`);
}

/** Run etcdctl (v3 API) against these endpoints. */
export function etcdctl(endpoints: string[], args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync('etcdctl', ['--endpoints', endpoints.join(','), '--dial-timeout', '1s', '--command-timeout', '2s', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ETCDCTL_API: '3' },
    timeout: 10_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Names of the members, sorted, as `etcdctl member list` shows them ('' for one not started, `NAME (learner)` for one not promoted yet); undefined if no answer. */
export function memberNames(endpoints: string[]): string[] | undefined {
  const r = etcdctl(endpoints, ['member', 'list', '-w', 'json']);
  if (r.code !== 0) return undefined;
  try {
    const j = JSON.parse(r.out) as { members?: { name?: string; isLearner?: boolean }[] };
    return (j.members ?? []).map((m) => (m.name ?? '') + (m.isLearner ? ' (learner)' : '')).sort();
  } catch {
    return undefined;
  }
}
