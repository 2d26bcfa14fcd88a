// `mgmt run --remote …`: run agents on remote hosts over SSH, at most
// --cconns connections at once, and end when they all have.

import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ParsedArgs } from '../cli/command.js';
import { UsageError } from '../cli/command.js';
import { log } from '../util/log.js';
import { RemoteAgent, type AgentOptions, type AgentReport } from './agent.js';
import { parseTarget, type Target } from './url.js';

/** A --remote value: an ssh:// URL with the code's path, or a file whose YAML has `remote: ssh://…`. */
export function remoteSpec(v: string): { target: Target; code: string } {
  if (/^ssh:\/\//.test(v)) {
    const target = parseTarget(v);
    if (!target.path) throw new UsageError(`--remote ${v}: no program path after the host (ssh://user@host:port/path/to/site.mcl)`);
    // Checked before any connection: the path names a local file.
    if (!existsSync(target.path)) throw new UsageError(`--remote ${v}: ${target.path} does not exist here (the URL's path is the local program to send)`);
    return { target, code: target.path };
  }
  let data: unknown;
  try {
    data = parseYaml(readFileSync(v, 'utf8'));
  } catch (e) {
    throw new UsageError(`--remote ${v}: not an ssh:// URL, and not a readable YAML file: ${(e as Error).message}`);
  }
  const remote = (data as Record<string, unknown> | null)?.remote;
  if (typeof remote !== 'string') throw new UsageError(`--remote ${v}: the file has no \`remote: ssh://user@host:port\` key`);
  const target = parseTarget(remote);
  // A metadata.yaml names its deploy's directory; any other YAML file is itself the program.
  return { target, code: basename(v) === 'metadata.yaml' ? dirname(resolve(v)) : resolve(v) };
}

/** Run every --remote; the exit code is 0 when every remote agent ended with 0, else the first failure's. */
export async function runRemotes(args: ParsedArgs, extra: { etcd?: string } = {}): Promise<number> {
  for (const f of ['lang', 'yaml', 'file', 'puppet']) {
    if (args.flags.has(f)) throw new UsageError(`--remote runs the programs its URLs name on other hosts: give it without --${f}`);
  }
  const specs = (args.all?.get('remote') ?? []).map(remoteSpec);
  const cconns = Number(args.flags.get('cconns') ?? 0);
  if (!Number.isInteger(cconns) || cconns < 0) throw new UsageError('--cconns needs a whole number ≥ 0');
  const ct = Number(args.flags.get('converged-timeout') ?? -1);
  const opts: AgentOptions = {
    convergedTimeout: Number.isFinite(ct) ? ct : -1,
    identity: args.flags.get('ssh-id') as string | undefined,
    hostKey: args.flags.get('ssh-hostkey') as string | undefined,
    noCaching: args.flags.get('no-caching') === true,
    forceSea: args.flags.get('remote-sea') === true,
    etcd: extra.etcd,
  };
  const agents = specs.map((s) => new RemoteAgent(s.target, s.code, opts));
  let stopping = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stopping) process.exit(sig === 'SIGINT' ? 130 : 143);
    stopping = true;
    log.info(`${sig}: stopping ${agents.length} remote agent(s)`);
    for (const a of agents) void a.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const results: (AgentReport | Error)[] = [];
  let next = 0;
  const worker = async () => {
    while (next < agents.length && !stopping) {
      const i = next++;
      const a = agents[i]!;
      try {
        const r = await a.run();
        results[i] = r;
        log.info(`${a.name}: remote agent exited with ${r.exitCode}${r.copied ? ` (copied ${(r.copied / 1e6).toFixed(1)} MB of mgmt, ${r.artifact?.kind})` : ` (mgmt ${r.artifact?.kind} was cached)`}`);
      } catch (e) {
        results[i] = e as Error;
        log.error((e as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: cconns > 0 ? Math.min(cconns, agents.length) : agents.length }, worker));
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (stopping) return 130;
  for (const r of results) {
    if (r === undefined || r instanceof Error) return 1;
    if (r.exitCode !== 0) return r.exitCode;
  }
  return 0;
}
