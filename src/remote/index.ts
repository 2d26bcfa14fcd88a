// `mgmt run --remote …`: run agents on remote hosts over SSH, at most
// --cconns connections at once, and end when they all have.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ParsedArgs } from '../cli/command.js';
import { UsageError } from '../cli/command.js';
import { MEMBER_NAME, parseClusterFlags } from '../cluster/flags.js';
import { log } from '../util/log.js';
import { RemoteAgent, type AgentOptions, type AgentReport } from './agent.js';
import { parseTarget, type Target } from './url.js';

/**
 * A --remote value: an ssh:// URL with the code's path, or a file whose YAML
 * has `remote: ssh://…` (and optionally `hostname: NAME`, the remote agent's
 * name in the World; without it, the URL's host).
 */
export function remoteSpec(v: string): { target: Target; code: string; hostname?: string } {
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
  const hostname = (data as Record<string, unknown>).hostname;
  if (hostname !== undefined && (typeof hostname !== 'string' || !MEMBER_NAME.test(hostname))) {
    throw new UsageError(`--remote ${v}: \`hostname:\` must be a name of letters, digits, '.', '_' and '-'`);
  }
  // A metadata.yaml names its deploy's directory; any other YAML file is itself the program.
  return { target, code: basename(v) === 'metadata.yaml' ? dirname(resolve(v)) : resolve(v), hostname };
}

/**
 * Run every --remote; the exit code is 0 when every remote agent ended with 0, else the first failure's.
 * The remote agents share a World when the initiator has an etcd: `extra.etcd` (the client URL of
 * `--seeds`), or, with `--cluster` and no `--seeds`, an etcd member started here for the run.
 */
export async function runRemotes(args: ParsedArgs, extra: { etcd?: string } = {}): Promise<number> {
  const own = extra.etcd ? undefined : await initiatorEtcd(args);
  try {
    return await runAll(args, own?.url ?? extra.etcd);
  } finally {
    await own?.close();
  }
}

async function runAll(args: ParsedArgs, etcd: string | undefined): Promise<number> {
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
    // Live edits: each saved file of a program is sent again (docs/remote.md).
    watch: args.flags.get('no-watch') !== true,
    etcd,
  };
  if (etcd) checkNames(specs);
  const agents = specs.map((s) => new RemoteAgent(s.target, s.code, { ...opts, hostname: s.hostname }));
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

/** Agents that share a World need names etcd accepts, each its own: they key their exports and state. */
function checkNames(specs: { target: Target; hostname?: string }[]): void {
  const seen = new Set<string>();
  for (const s of specs) {
    const name = s.hostname ?? s.target.host;
    if (!MEMBER_NAME.test(name)) throw new UsageError(`--remote ${s.target.label}: \`${name}\` cannot name a host in the World (give the YAML file a \`hostname:\`)`);
    if (seen.has(name)) throw new UsageError(`--remote: two remote agents would both be named \`${name}\` (give each YAML file its own \`hostname:\`)`);
    seen.add(name);
  }
}

/** With --cluster (and no --seeds): an etcd member here, for the remote agents' World; its data under --prefix or a temporary one. */
async function initiatorEtcd(args: ParsedArgs): Promise<{ url: string; close(): Promise<void> } | undefined> {
  if (!args.flags.has('cluster')) return undefined;
  const given = args.flags.get('prefix') as string | undefined;
  const prefix = given ? resolve(given) : mkdtempSync(join(tmpdir(), 'mgmt-initiator-'));
  const drop = () => {
    if (!given) rmSync(prefix, { recursive: true, force: true });
  };
  try {
    const opts = parseClusterFlags(args, { hostname: args.flags.get('hostname') as string | undefined, prefix })!;
    const cluster = await (await import('../cluster/cluster.js')).startCluster(opts, log.child('cluster'));
    return {
      url: opts.advertiseClientUrls[0]!,
      close: async () => {
        await cluster.close();
        drop();
      },
    };
  } catch (e) {
    drop();
    throw e instanceof UsageError ? e : new Error(`the initiator's etcd did not start: ${(e as Error).message}`);
  }
}
