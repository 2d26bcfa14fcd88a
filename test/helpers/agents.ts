// Separate `mgmt run` processes (bin/mgmt, needs `npm run build`), each with
// its own hostname and prefix, all clients of one test etcd.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { launcher, requireDist } from './cli.js';
import { startEtcd } from './etcd.js';
import type { TestEtcd } from './etcd.js';

export interface Agent {
  host: string;
  proc: ChildProcess;
  log: () => string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  exitedAt?: number;
}

export function startAgent(host: string, prefix: string, args: string[], seeds: string): Agent {
  let out = '';
  const proc = spawn(launcher, ['run', '--seeds', seeds, '--hostname', host, '--prefix', prefix, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const a: Agent = {
    host,
    proc,
    log: () => out,
    exited: new Promise((resolve) =>
      proc.on('exit', (code, sig) => {
        a.exitedAt = Date.now();
        resolve(code ?? sig ?? 'unknown');
      }),
    ),
  };
  return a;
}

export function stopAgents(agents: Agent[]): Promise<unknown> {
  for (const a of agents) if (a.proc.exitCode === null && a.proc.signalCode === null) a.proc.kill('SIGKILL');
  return Promise.all(agents.map((a) => a.exited));
}

/** Polls `check` (reading files written by other processes) every 10 ms until it holds. */
export async function waitFor(what: string, check: () => boolean, ms = 15_000): Promise<number> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - t0;
}

export function read(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/**
 * A test etcd and the agents a test file starts on it: started before the
 * file's tests, and the agents stopped, etcd killed and `base` removed after.
 */
export function agentsOnEtcd(tag: string): { readonly etcd: TestEtcd; readonly base: string; agents: Agent[] } {
  let etcd: TestEtcd | undefined;
  let base = '';
  const fx = {
    get etcd(): TestEtcd {
      if (!etcd) throw new Error('the test etcd is not started (beforeAll failed)');
      return etcd;
    },
    get base(): string {
      return base;
    },
    agents: [] as Agent[],
  };
  beforeAll(async () => {
    requireDist();
    etcd = await startEtcd();
    base = mkdtempSync(join(tmpdir(), tag));
  });
  afterAll(async () => {
    await stopAgents(fx.agents);
    etcd?.kill();
    if (base) rmSync(base, { recursive: true, force: true });
  });
  return fx;
}
