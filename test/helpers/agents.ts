// Separate `mgmt run` processes (bin/mgmt, needs `npm run build`), each with
// its own hostname and prefix, all clients of one test etcd.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { launcher } from './cli.js';

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
