// One remote agent: connect, make a temporary directory, make sure mgmt is in
// the remote cache, send the code, tunnel the World back, start `mgmt run`
// there detached from the SSH session (so a dropped connection does not kill
// it), follow its log with the host as prefix, and clean up when it ends.

import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Client, ClientChannel } from 'ssh2';
import { log } from '../util/log.js';
import { loadDeploy } from '../lang/index.js';
import { bundleArtifact, nodeCompatible, seaArtifact, type Artifact } from './ship.js';
import { connectRetrying, exec, putFile, run, sftp, sq, warnAboutPassword, type SshOptions } from './ssh.js';
import { CodeSync } from './code-sync.js';
import { shippedSelf } from './self.js';
import { openTunnel } from './tunnel.js';
import type { Target } from './url.js';
import { remoteDepth } from './depth.js';

export interface AgentOptions extends SshOptions {
  /** --converged-timeout for the remote agent (-1: never). */
  convergedTimeout: number;
  /** Copy mgmt into the temporary directory each time instead of the cache. */
  noCaching?: boolean;
  /** Ship the self-contained binary even when the remote has node. */
  forceSea?: boolean;
  /** The initiator's etcd client URL, tunnelled to the remote agent as its --seeds. */
  etcd?: string;
  /** The remote agent's --hostname (its name in the World); default: the host of the URL. */
  hostname?: string;
  /** Each line of the remote agent's output. */
  output?: (line: string) => void;
  /** How often to reconnect after a dropped connection before giving up. */
  reconnects?: number;
  /** Send the code again whenever it is saved here (default true). */
  watch?: boolean;
  /** The port of the etcd tunnel on the remote's 127.0.0.1 (default: any free one). */
  tunnelPort?: number;
  /** Called once the remote agent was started, with its directory and the connection (the remote resource records it there). */
  started?: (dir: string, conn: Client) => Promise<void> | void;
}

export interface AgentReport {
  exitCode: number;
  artifact?: Artifact;
  /** Bytes of mgmt copied (0 when cached). */
  copied: number;
  remoteDir?: string;
}

/** Every file a deploy may read: its mcl files (local imports), metadata.yaml and its files/ directory. */
export function codeFiles(path: string): { root: string; entry: string; files: string[] } {
  const d = loadDeploy(path);
  const out: string[] = [];
  const filesDir = join(d.root, d.files);
  const walk = (dir: string, all: boolean, depth: number) => {
    if (depth > 8) return;
    for (const n of readdirSync(dir, { withFileTypes: true })) {
      if (n.name.startsWith('.') || n.name === 'node_modules') continue;
      const p = join(dir, n.name);
      if (n.isDirectory()) walk(p, all || p + sep === filesDir || p === filesDir.replace(/\/$/, ''), depth + 1);
      else if (n.isFile() && (all || n.name.endsWith('.mcl') || n.name === 'metadata.yaml')) out.push(relative(d.root, p));
    }
  };
  walk(d.root, false, 0);
  if (out.length > 5000) throw new Error(`${d.root}: more than 5000 files to send; give the program its own directory`);
  return { root: d.root, entry: d.entry.slice(1), files: out };
}

export class RemoteAgent {
  private conn?: Client;
  private dir?: string;
  private stopping = false;
  private offset = 0;
  private pending = '';
  private tunnelPort = 0;
  private sync?: CodeSync;
  private detached = false;
  readonly name: string;
  /** The remote agent's name in the World. */
  readonly hostname: string;

  constructor(readonly target: Target, readonly code: string, readonly opts: AgentOptions) {
    this.name = target.port === 22 ? target.host : `${target.host}:${target.port}`;
    this.hostname = opts.hostname ?? target.host;
  }

  private line(l: string) {
    (this.opts.output ?? ((x) => process.stderr.write(x + '\n')))(`${this.name}: ${l}`);
  }

  /** Run to the end: the remote agent's exit code (or 1 when it could not start). */
  async run(): Promise<AgentReport> {
    const report: AgentReport = { exitCode: 1, copied: 0 };
    const t = this.target;
    warnAboutPassword(t);
    const c = (this.conn = await connectRetrying(t, this.opts, 3, () => this.stopping));
    try {
      const probe = await run(
        c,
        `c="\${XDG_CACHE_HOME:-$HOME/.cache}/mgmt/remote"; mkdir -p "$c" && t=$(mktemp -d "\${TMPDIR:-/tmp}/mgmt-remote.XXXXXX") && ` +
          `echo "cache=$c"; echo "tmp=$t"; echo "arch=$(uname -m)"; echo "node=$(node --version 2>/dev/null)"; ls "$c"`,
        `${this.name}: preparing a temporary directory`,
      );
      const kv = (k: string) => /^(\w+)=(.*)$/m.exec(probe.split('\n').find((l) => l.startsWith(k + '=')) ?? '')?.[2] ?? '';
      const cache = kv('cache');
      const dir = (this.dir = report.remoteDir = kv('tmp'));
      const cached = new Set(probe.split('\n').filter((l) => !l.includes('=')));
      const remoteNode = kv('node');
      const useBundle = !this.opts.forceSea && nodeCompatible(remoteNode);
      if (!useBundle && kv('arch') !== (process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'aarch64' : process.arch)) {
        throw new Error(`${this.name}: the remote is ${kv('arch')} but this mgmt can only ship a ${process.arch} executable (and the remote has no node v20+)`);
      }
      // A jump (an agent shipped here starting others) sends itself on: src/remote/self.ts.
      const art = (report.artifact = shippedSelf(useBundle) ?? (useBundle ? bundleArtifact() : seaArtifact()));
      log.debug(`${this.name}: remote node ${remoteNode || 'none'}: shipping the ${art.kind} ${art.name}`);
      const s = await sftp(c);
      const binDir = this.opts.noCaching ? dir : cache;
      const bin = `${binDir}/${art.name}`;
      // mgmt itself last, so that its name in the cache means its companions are there too.
      const files = [...art.extras, { file: art.file, name: art.name, size: art.size }];
      if (this.opts.noCaching || files.some((f) => !cached.has(f.name))) {
        // Upload under temporary names and rename, so a cut-off copy is never taken for a cached one.
        const part = (f: { name: string }) => `${binDir}/${f.name}.part-${process.pid}`;
        await Promise.all(files.map((f) => putFile(s, f.file, part(f), 0o755)));
        await run(c, files.map((f) => `mv -f ${sq(part(f))} ${sq(`${binDir}/${f.name}`)}`).join(' && '), `${this.name}: caching mgmt`);
        report.copied = files.reduce((n, f) => n + f.size, 0);
      }
      s.end();
      const code = codeFiles(this.code);
      const sync = (this.sync = new CodeSync(() => codeFiles(this.code), dir, () => this.conn, this.name));
      await sync.send();

      let seeds = '';
      if (this.opts.etcd) {
        this.tunnelPort = await openTunnel(c, this.opts.etcd, this.opts.tunnelPort ?? 0);
        // A client of the cluster only, that stays on the tunnel: the members' own client URLs mean nothing there.
        seeds = ` --seeds ${sq(`http://127.0.0.1:${this.tunnelPort}`)} --no-server --stay-on-seeds`;
      }
      // ^C while connecting or copying: start nothing (the directory is removed below).
      if (this.stopping) return { ...report, exitCode: 130 };
      const mgmt = art.kind === 'bundle' ? `node ${sq(bin)}` : sq(bin);
      // MGMT_REMOTE_DEPTH: how many hops from the initiator (src/remote/depth.ts).
      const agent = `MGMT_REMOTE_DEPTH=${remoteDepth() + 1} ${mgmt} run --lang ${sq(`${dir}/code/${code.entry}`)} --prefix ${sq(`${dir}/prefix`)} --converged-timeout ${this.opts.convergedTimeout} --hostname ${sq(this.hostname)}${seeds}`;
      // setsid: the agent outlives a dropped SSH session; rc is written when it ends.
      const wrapper = `cd ${sq(dir)} || exit 1; ${agent} </dev/null >log 2>&1 & echo $! >pid.tmp; mv pid.tmp pid; wait $!; echo $? >rc.tmp; mv rc.tmp rc`;
      // The parentheses matter: `a && b &` backgrounds a subshell that keeps the session's stdout, so
      // the exec (and every line of output) would wait until the agent ended.
      await run(c, `cd ${sq(dir)} && : >log && (setsid sh -c ${sq(wrapper)} </dev/null >/dev/null 2>&1 &)`, `${this.name}: starting mgmt`).catch((e: Error) => {
        // Dropped while starting: follow() reconnects, and finds out whether it started.
        if (!/connection closed|Not connected/.test(e.message)) throw e;
      });
      await this.opts.started?.(dir, c);
      // Live edits: what is saved here from now on is sent again (docs/remote.md).
      if (this.opts.watch !== false) sync.watch();
      report.exitCode = await this.follow();
    } finally {
      await this.cleanup();
    }
    return report;
  }

  /** Stream the remote log until the agent exits; reconnect (with backoff) when the connection drops. */
  private async follow(): Promise<number> {
    const dir = sq(this.dir!);
    const script = `cd ${dir} || exit 97; echo $$ >follow.pid; i=0; while [ ! -s pid ] && [ $i -lt 200 ]; do [ -e rc ] && break; sleep 0.05; i=$((i+1)); done; [ -s pid ] || { printf '\\n\\001rc=\\n' >&2; exit 0; }; ` + `tail -s 0.2 -c +${'$OFF'} --pid=$(cat pid) -F log 2>/dev/null; i=0; while [ ! -e rc ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done; printf '\\n\\001rc=%s\\n' "$(cat rc 2>/dev/null)" >&2`;
    for (let attempt = 0; ; attempt++) {
      const rc = await new Promise<number | undefined>((resolve) => {
        const conn = this.conn!;
        // A dropped connection may close without closing the channel first.
        conn.once('close', () => resolve(undefined));
        const started = (err: Error | undefined, ch: ClientChannel) => {
          if (err) return resolve(undefined);
          let status: number | undefined;
          let errText = '';
          ch.on('data', (d: Buffer) => {
            this.offset += d.length;
            const text = this.pending + d.toString();
            const lines = text.split('\n');
            this.pending = lines.pop()!;
            for (const l of lines) this.line(l);
          });
          ch.stderr.on('data', (d: Buffer) => {
            errText += d.toString();
            const m = /\u0001rc=(\d*)/.exec(errText);
            if (m) status = m[1] ? Number(m[1]) : 1;
          });
          ch.on('close', () => resolve(status));
        };
        try {
          conn.exec(`OFF=${this.offset + 1}; ${script}`, started);
        } catch {
          resolve(undefined); // "Not connected"
        }
      });
      if (this.pending) {
        this.line(this.pending);
        this.pending = '';
      }
      if (rc !== undefined) return rc;
      if (this.detached) return 0;
      if (attempt >= (this.opts.reconnects ?? 5)) throw new Error(`${this.name}: lost the connection and could not get it back`);
      const delay = Math.min(500 * 2 ** attempt, 8000);
      log.warn(`${this.name}: connection lost; the remote agent keeps running; reconnecting in ${delay / 1000} s`);
      await new Promise((r) => setTimeout(r, delay));
      this.conn?.end();
      this.conn = await connectRetrying(this.target, this.opts, 5);
      // The agent's --seeds names the old port: ask for it again.
      if (this.opts.etcd && this.tunnelPort) await openTunnel(this.conn, this.opts.etcd, this.tunnelPort).catch((e: Error) => log.warn(`${this.name}: could not reopen the tunnel to etcd: ${e.message}`));
      // A save while the connection was down.
      if (this.opts.watch !== false) void this.sync?.resend();
    }
  }

  /** Ask the remote agent to stop (SIGTERM, as mgmt run handles it); run() returns once it has. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (!this.conn || !this.dir) return;
    await exec(this.conn, `cd ${sq(this.dir)} 2>/dev/null && [ -s pid ] && [ ! -e rc ] && kill -TERM $(cat pid) 2>/dev/null; true`).catch(() => undefined);
  }

  /** Leave the remote agent running on its own (the remote resource with transient false): run() returns, nothing is removed. */
  async detach(): Promise<void> {
    this.detached = true;
    // End our `tail` of its log there too (it would live as long as the agent): by the follower's
    // recorded pid, checked to be the shell following this directory; never by a pattern.
    const stopFollow = `f=$(cat follow.pid 2>/dev/null); case "$f" in ''|*[!0-9]*) exit 0;; esac; grep -qF -- "$PWD" /proc/$f/cmdline 2>/dev/null || exit 0; pkill -TERM -P "$f"; kill -TERM "$f"`;
    if (this.conn && this.dir) await exec(this.conn, `cd ${sq(this.dir)} && { ${stopFollow}; }; true`).catch(() => undefined);
    this.conn?.end();
  }

  private async cleanup(): Promise<void> {
    await this.sync?.close();
    let c = this.conn;
    if (!c) return;
    if (this.dir && !this.detached) {
      const alive = await exec(c, 'true').then(() => true, () => false);
      if (!alive) {
        c.end();
        c = this.conn = await connectRetrying(this.target, this.opts, 5).catch(() => c!);
      }
      // Wait for an agent still running (it was asked to stop) before removing its directory.
      await exec(c, `cd ${sq(this.dir)} 2>/dev/null && { i=0; while [ -s pid ] && [ ! -e rc ] && kill -0 $(cat pid) 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; }; rm -rf ${sq(this.dir)}`).catch((e) =>
        log.warn(`${this.name}: could not remove ${this.dir}: ${(e as Error).message}`),
      );
    }
    c.end();
  }
}

