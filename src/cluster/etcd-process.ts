// Debian's `etcd` as a supervised child process of the agent: started with
// the member's URLs, health-checked over HTTP before anyone connects (a gRPC
// client made before the server listens adds 1–2 s of reconnect backoff),
// restarted if it dies, stopped on exit.
//
// No orphans: the child is started through `setpriv --pdeathsig KILL`, so the
// kernel kills etcd when the agent dies, even by SIGKILL. As a second line,
// its pid is kept in <dataDir>.pid, and the next start kills an etcd still
// running on that data dir before starting its own.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import type { Logger } from '../util/log.js';
import type { ClusterTls } from './flags.js';

export class ClusterError extends Error {}

/** The etcd program: $MGMT_ETCD, or `etcd` on $PATH; a clear error naming the Debian package when missing. */
export function findEtcd(): string {
  const explicit = process.env.MGMT_ETCD;
  const candidates = explicit ? [explicit] : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'etcd'));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      if (statSync(c).isFile()) return c;
    } catch {
      // not this one
    }
  }
  throw new ClusterError(`the etcd program was not found${explicit ? ` at ${explicit} ($MGMT_ETCD)` : ' on $PATH'}: a cluster member runs etcd; install the Debian package etcd-server (apt-get install etcd-server)`);
}

function findSetpriv(): string | undefined {
  for (const d of ['/usr/bin', '/bin', '/usr/sbin']) {
    if (existsSync(join(d, 'setpriv'))) return join(d, 'setpriv');
  }
  return undefined;
}

/** host and port of an URL, for bind checks and messages. */
function hostPort(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port) };
}

/** Fail with a clear message when a listen address is taken (or not ours to bind), before etcd is started. */
export async function checkPortsFree(urls: { flag: string; url: string }[]): Promise<void> {
  for (const { flag, url } of urls) {
    const { host, port } = hostPort(url);
    await new Promise<void>((resolve, reject) => {
      const srv = createServer();
      srv.once('error', (e: NodeJS.ErrnoException) => {
        const why = e.code === 'EADDRINUSE' ? 'address already in use (another etcd or agent listens there)' : e.code === 'EADDRNOTAVAIL' ? 'no such address on this host' : e.message;
        reject(new ClusterError(`cannot start an etcd member: ${url} (${flag}): ${why}`));
      });
      srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve()));
    });
  }
}

export interface EtcdMemberConfig {
  name: string;
  dataDir: string;
  clientUrls: string[];
  serverUrls: string[];
  advertiseClientUrls: string[];
  advertiseServerUrls: string[];
  /** `name=peerURL,...` for a member that has no data yet. */
  initialCluster: string;
  state: 'new' | 'existing';
  token: string;
  /** Mutual TLS on client and peer traffic. */
  tls?: ClusterTls;
}

/** The last error etcd logged (its zap JSON log), for messages. */
function lastError(logFile: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8').slice(-20000);
  } catch {
    return undefined;
  }
  let found: string | undefined;
  for (const line of text.split('\n')) {
    try {
      const j = JSON.parse(line) as { level?: string; msg?: string; error?: string };
      if (j.level === 'fatal' || j.level === 'panic' || (j.level === 'error' && j.error)) found = j.error ? `${j.msg}: ${j.error}` : j.msg;
    } catch {
      // a partial line
    }
  }
  return found;
}

function removedFromCluster(logFile: string): boolean {
  try {
    return /permanently removed from the cluster|member has already been removed|the member has been removed/.test(readFileSync(logFile, 'utf8').slice(-20000));
  } catch {
    return false;
  }
}

/** GET <url>/health until it says healthy; false on timeout. */
async function healthy(url: string, deadline: number, exited: () => boolean, tls?: ClusterTls): Promise<boolean> {
  const tlsOpts = tls ? { ca: readFileSync(tls.ca), cert: readFileSync(tls.cert), key: readFileSync(tls.key) } : {};
  const get = url.startsWith('https:') ? httpsGet : httpGet;
  while (Date.now() < deadline && !exited()) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = get(`${url}/health`, { timeout: 1000, ...tlsOpts }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(res.statusCode === 200 && /"health":\s*"true"/.test(body)));
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

/**
 * Kill an etcd left running on this data dir by an agent that died without
 * cleaning up (its pid is in `pidFile`), and wait until it is gone and its
 * ports are free.
 */
export async function killStale(pidFile: string, dataDir: string, log: Logger): Promise<void> {
  let pid = 0;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return;
  }
  const ours = () => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return cmd.includes('etcd') && cmd.includes(dataDir);
    } catch {
      return false;
    }
  };
  if (pid && ours()) {
    log.warn(`killing etcd (pid ${pid}) left running on ${dataDir} by an earlier agent`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    // Wait until it has exited for good (gone, or a zombie): its command line
    // empties before its sockets close, so ours() turning false is too early.
    for (let i = 0; i < 250 && !exited(pid); i++) await new Promise((r) => setTimeout(r, 20));
  }
  rmSync(pidFile, { force: true });
}

/** The process has exited: it is gone, or a zombie (its files, and so its sockets, are closed). */
function exited(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

export interface EtcdProcessEvents {
  /** etcd died on its own and could not be restarted (or was removed from the cluster). */
  onLost?(why: string, removed: boolean): void;
}

/** Extra etcd flags from $MGMT_ETCD_FLAGS (e.g. tuned timers in tests). */
function extraFlags(): string[] {
  return (process.env.MGMT_ETCD_FLAGS ?? '').split(/\s+/).filter(Boolean);
}

export class EtcdProcess {
  private child: ChildProcess | undefined;
  private stopping = false;
  private exitWaiters: (() => void)[] = [];
  private restarts: number[] = [];
  readonly logFile: string;
  readonly pidFile: string;

  constructor(
    private readonly cfg: EtcdMemberConfig,
    private readonly log: Logger,
    private readonly events: EtcdProcessEvents = {},
  ) {
    this.logFile = `${cfg.dataDir}.log`;
    this.pidFile = `${cfg.dataDir}.pid`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  private args(): string[] {
    const c = this.cfg;
    return [
      '--name', c.name,
      '--data-dir', c.dataDir,
      '--listen-client-urls', c.clientUrls.join(','),
      '--advertise-client-urls', c.advertiseClientUrls.join(','),
      '--listen-peer-urls', c.serverUrls.join(','),
      '--initial-advertise-peer-urls', c.advertiseServerUrls.join(','),
      '--initial-cluster', c.initialCluster,
      '--initial-cluster-state', c.state,
      '--initial-cluster-token', c.token,
      // Members are added one at a time by the elected agent; the strict
      // check would refuse each add for ~5 s after the previous one.
      '--strict-reconfig-check=false',
      // Without compaction every revision is kept until the 2 GiB quota and
      // then every write is refused (docs/cluster.md, "A 1,000-host cluster");
      // the World reads everything again when its watch comes back, which is
      // what a watcher that fell behind a compaction needs.
      '--auto-compaction-mode', 'periodic',
      '--auto-compaction-retention', '1h',
      ...(c.tls
        ? [
            '--cert-file', c.tls.cert, '--key-file', c.tls.key, '--trusted-ca-file', c.tls.ca, '--client-cert-auth',
            '--peer-cert-file', c.tls.cert, '--peer-key-file', c.tls.key, '--peer-trusted-ca-file', c.tls.ca, '--peer-client-cert-auth',
          ]
        : []),
      '--logger', 'zap',
      '--log-outputs', this.logFile,
      ...extraFlags(),
    ];
  }

  /** Start etcd and wait until it is healthy; rejects with etcd's own reason when it exits first. */
  async start(timeoutMs = 30000): Promise<void> {
    const program = findEtcd();
    mkdirSync(join(this.cfg.dataDir, '..'), { recursive: true });
    await killStale(this.pidFile, this.cfg.dataDir, this.log);
    this.stopping = false;
    const setpriv = findSetpriv();
    const [cmd, argv] = setpriv ? [setpriv, ['--pdeathsig', 'KILL', '--', program, ...this.args()]] : [program, this.args()];
    writeFileSync(this.logFile, '');
    const child = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    let exited = false;
    let started = false;
    let spawnError: Error | undefined;
    child.on('error', (e) => (spawnError = e));
    child.on('exit', (code, signal) => {
      exited = true;
      if (this.child === child) this.child = undefined;
      rmSync(this.pidFile, { force: true });
      const waiters = this.exitWaiters;
      this.exitWaiters = [];
      for (const w of waiters) w();
      if (!this.stopping && started) this.died(code, signal);
    });
    if (child.pid) writeFileSync(this.pidFile, `${child.pid}\n`);
    const ok = await healthy(this.cfg.advertiseClientUrls[0], Date.now() + timeoutMs, () => exited, this.cfg.tls);
    if (!ok) {
      await this.stop('SIGKILL');
      if (spawnError) throw new ClusterError(`could not run ${program}: ${spawnError.message}`);
      const why = lastError(this.logFile) ?? (stderr.trim().split('\n').pop() || (exited ? 'it exited' : `not healthy after ${timeoutMs / 1000} s`));
      throw new ClusterError(`etcd member ${this.cfg.name} did not start: ${why} (log: ${this.logFile})`);
    }
    started = true;
    this.log.debug(`etcd member ${this.cfg.name} (pid ${child.pid}) is healthy at ${this.cfg.clientUrls.join(',')}`);
  }

  /** etcd died without being asked to: restart it on its data, at most 5 times a minute. */
  private died(code: number | null, signal: NodeJS.Signals | null): void {
    const why = lastError(this.logFile) ?? `exit ${code ?? signal}`;
    if (removedFromCluster(this.logFile)) {
      // A removed member exits by itself (code 0); its data cannot serve again.
      this.log.info(`etcd member ${this.cfg.name} stopped: it was removed from the cluster`);
      this.events.onLost?.(why, true);
      return;
    }
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < 60000);
    if (this.restarts.length >= 5) {
      this.log.error(`etcd member ${this.cfg.name} keeps dying (${why}); giving up on it`);
      this.events.onLost?.(why, false);
      return;
    }
    this.restarts.push(now);
    this.log.warn(`etcd member ${this.cfg.name} died (${why}); restarting it`);
    this.cfg.state = 'existing';
    setTimeout(() => {
      if (this.stopping) return;
      this.start().catch((e: Error) => {
        this.log.error(e.message);
        this.events.onLost?.(e.message, false);
      });
    }, 200 * this.restarts.length);
  }

  /** Wait for etcd to exit by itself (after its own removal from the cluster); false on timeout. */
  async waitExit(ms: number): Promise<boolean> {
    if (!this.child) return true;
    return new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), ms);
      this.exitWaiters.push(() => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  /** Mark the next exit as expected (a member that removes itself exits on its own). */
  expectExit(): void {
    this.stopping = true;
  }

  /** Stop etcd: the signal, then SIGKILL after graceMs (a last member without quorum takes ~7 s on SIGTERM). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 3000): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child) return;
    const gone = this.waitExit(graceMs);
    child.kill(signal);
    if (!(await gone)) {
      child.kill('SIGKILL');
      await this.waitExit(5000);
    }
  }

  /** Remove the member's data (a removed member cannot rejoin with it). */
  wipe(): void {
    rmSync(this.cfg.dataDir, { recursive: true, force: true });
  }
}
