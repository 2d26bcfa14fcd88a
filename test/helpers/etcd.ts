// A real etcd for a test: Debian's `etcd` on free loopback ports, a fresh
// data directory, tuned timers (healthy in ~0.1 s), SIGKILLed in teardown
// (components.md §1).

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './net.js';

export interface TestEtcd {
  /** The client URL. */
  url: string;
  proc: ChildProcess;
  dir: string;
  /** SIGKILL and remove the data. */
  kill(): void;
  /** SIGKILL only, keeping the data (to start it again with `restart`). */
  stop(): Promise<void>;
  restart(): Promise<void>;
}

async function healthy(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(`${url}/health`);
      if ((await r.text()).includes('"health":"true"')) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`etcd at ${url} did not become healthy in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startEtcd(): Promise<TestEtcd> {
  const dir = mkdtempSync(join(tmpdir(), 'mgmt-etcd-'));
  const [cport, pport] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${cport}`;
  const peer = `http://127.0.0.1:${pport}`;
  const args = [
    '--name', 'n1', '--data-dir', join(dir, 'data'),
    '--listen-client-urls', url, '--advertise-client-urls', url,
    '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer,
    '--initial-cluster', `n1=${peer}`, '--initial-cluster-token', `t-${cport}`,
    '--heartbeat-interval', '10', '--election-timeout', '100',
    '--logger', 'zap', '--log-outputs', join(dir, 'log'),
  ];
  const launch = () => spawn('etcd', args, { stdio: 'ignore' });
  const e: TestEtcd = {
    url,
    dir,
    proc: launch(),
    kill() {
      e.proc.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
    async stop() {
      if (e.proc.exitCode !== null || e.proc.signalCode !== null) return;
      const gone = new Promise((r) => e.proc.once('exit', r));
      e.proc.kill('SIGKILL');
      await gone;
    },
    async restart() {
      e.proc = launch();
      await healthy(url, 10_000);
    },
  };
  await healthy(url, 10_000);
  return e;
}
