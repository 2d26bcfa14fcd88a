// `mgmt run`: compile an mcl program (or read a YAML graph), run the
// resource engine on it, and keep the machine in that state, hot-swapping in
// every new graph the frontend produces, until converged (with
// --converged-timeout), --max-runtime, or SIGINT/SIGTERM.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir, hostname as osHostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command, ParsedArgs } from './command.js';
import { UsageError } from './command.js';
import { Converger } from '../engine/converger.js';
import { Engine } from '../engine/engine.js';
import { graphDot } from '../engine/format.js';
import { reportOutcome } from '../engine/report.js';
import type { GraphSource } from '../engine/frontend.js';
import type { ResourceGraph } from '../engine/graph.js';
import { renderLocal } from '../lang/diagnose.js';
import type { LangError } from '../lang/errors.js';
import { loadDeploy } from '../lang/index.js';
import type { Deploy } from '../lang/index.js';
import { MclSource } from '../lang/stream.js';
import { log, setLogLevel } from '../util/log.js';
import { readText } from '../util/read-text.js';
import { ClusterConvergence, openWorld } from '../world/agent.js';
import { Exporter } from '../world/exporter.js';
import { YamlSource } from '../yamlgraph/source.js';
import { PuppetSource } from '../puppet/stream.js';
import { DeploySource } from '../world/deploy-source.js';
import { clusterFlags, parseClusterFlags } from '../cluster/flags.js';
import type { Cluster } from '../cluster/cluster.js';
import { remoteFlags } from '../remote/flags.js';
import { setRunContext } from '../remote/context.js';

/** Exit codes of `mgmt run` (docs/engine.md). */
export const RUN_EXIT = {
  /** Converged (or stopped by --max-runtime) with every resource in state. */
  ok: 0,
  /** The code does not compile (the first graph could not be made). */
  compile: 1,
  /** Converged with resources that failed permanently. */
  failed: 2,
  /** Could not start: the prefix is locked by another agent or not writable. */
  start: 3,
  sigint: 130,
  sigterm: 143,
} as const;

function num(args: ParsedArgs, name: string, def: number): number {
  const v = args.flags.get(name);
  if (v === undefined) return def;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} needs a number, got \`${String(v)}\``);
  return n;
}

/** /var/lib/mgmt for root; $XDG_STATE_HOME/mgmt (or ~/.local/state/mgmt) otherwise. */
export function defaultPrefix(): string {
  if (process.getuid?.() === 0) return '/var/lib/mgmt';
  return join(process.env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'mgmt');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the prefix's lock file (holding our pid); returns its release. A stale lock is taken over. */
export function lockPrefix(prefix: string): () => void {
  const file = join(prefix, 'mgmt.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = 0;
      try {
        pid = Number(readFileSync(file, 'utf8').trim());
      } catch {
        continue;
      }
      if (pid && pid !== process.pid && alive(pid)) {
        throw new Error(`another mgmt (pid ${pid}) is already running with the prefix ${prefix} (lock file ${file}); use another --prefix or --tmp-prefix`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the lock file ${file}`);
}

export const runCommand: Command = {
  name: 'run',
  summary: 'Run the resource engine on an mcl program or a YAML graph and keep the machine in that state (hot-swapping every change).',
  usage: 'mgmt run (--lang FILE | --yaml FILE | --puppet FILE | --seeds URL empty) [flags]',
  flags: [
    { name: 'lang', value: 'FILE', help: 'the mcl program: an .mcl file, a metadata.yaml, or a directory' },
    { name: 'yaml', value: 'FILE', help: 'a YAML graph' },
    { name: 'file', value: 'FILE', help: 'the same as --yaml' },
    { name: 'puppet', value: 'FILE', help: 'a Puppet manifest (the subset in docs/puppet.md), translated and run' },
    { name: 'facts', value: 'FILE', help: 'with --puppet: facts as JSON instead of the host\'s' },
    { name: 'converged-timeout', value: 'N', help: 'exit N seconds after every resource converged (0: at once; -1: never)', default: '-1' },
    { name: 'noop', help: 'change nothing: every resource only checks (overrides Meta:noop)' },
    { name: 'sema', value: 'N', help: 'add a semaphore of size N that every resource takes (at most N CheckApplys at once)' },
    { name: 'graphviz', value: 'FILE', help: 'write the running graph as graphviz dot to FILE on every swap' },
    { name: 'hostname', value: 'NAME', help: 'the hostname the program and resources see' },
    { name: 'prefix', value: 'DIR', help: 'state directory (one agent per prefix)', default: '/var/lib/mgmt, or $XDG_STATE_HOME/mgmt when not root' },
    { name: 'tmp-prefix', help: 'use a fresh temporary state directory, removed on exit' },
    { name: 'no-watch', help: 'compile once: do not hot-swap on source or value changes' },
    { name: 'max-runtime', value: 'N', help: 'stop after N seconds' },
    { name: 'no-autoedges', help: 'do not add automatic edges' },
    { name: 'no-autogroup', help: 'do not group resources' },
    { name: 'debug', help: 'debug logging' },
    { name: 'deploy', help: 'follow the deploys of the cluster (`mgmt deploy`): run the newest, swap to each new one; with a FILE, run it until the next deploy' },
    ...clusterFlags,
    ...remoteFlags,
  ],
  async run(args: ParsedArgs): Promise<number> {
    if (args.flags.get('debug')) setLogLevel('debug');
    // docs/remote.md: the initiator runs the remote agents (their World tunnelled to its etcd, once there is one).
    if (args.flags.has('remote')) return (await import('../remote/index.js')).runRemotes(args, { etcd: (args.flags.get('seeds') as string | undefined)?.split(',')[0] });
    // docs/cluster.md, "Deploys": `empty` (as upstream) or --deploy follows the deploys in etcd.
    const empty = args.positional.length === 1 && args.positional[0] === 'empty';
    const follow = empty || args.flags.get('deploy') === true;
    if (args.positional.length && !empty) throw new UsageError(`unexpected argument \`${args.positional[0]}\` (use --lang, --yaml or --puppet FILE, or \`empty\`)`);
    const lang = args.flags.get('lang') as string | undefined;
    const yaml = (args.flags.get('yaml') ?? args.flags.get('file')) as string | undefined;
    const puppet = args.flags.get('puppet') as string | undefined;
    const given = [lang, yaml, puppet].filter((x) => x !== undefined).length;
    if (empty ? given : given > 1 || (!given && !follow)) throw new UsageError(empty ? '`empty` runs only what is deployed: give no --lang, --yaml or --puppet with it' : 'give exactly one of --lang FILE, --yaml FILE and --puppet FILE (or `empty` to run deploys)');
    const convergedTimeout = num(args, 'converged-timeout', -1);
    const maxRuntime = num(args, 'max-runtime', 0);
    const sema = num(args, 'sema', 0);
    if (sema < 0 || !Number.isInteger(sema)) throw new UsageError('--sema needs a positive integer');
    const hostname = args.flags.get('hostname') as string | undefined;
    const noAutoEdges = args.flags.get('no-autoedges') === true;
    const watch = args.flags.get('no-watch') !== true;
    const graphviz = args.flags.get('graphviz') as string | undefined;

    const tmpPrefix = args.flags.get('tmp-prefix') === true;
    const prefix = tmpPrefix ? mkdtempSync(join(tmpdir(), 'mgmt-')) : resolve((args.flags.get('prefix') as string | undefined) ?? defaultPrefix());
    let unlock: () => void;
    try {
      mkdirSync(prefix, { recursive: true });
      unlock = lockPrefix(prefix);
    } catch (e) {
      process.stderr.write(`mgmt run: ${(e as Error).message}\n`);
      return RUN_EXIT.start;
    }
    log.debug(`prefix: ${prefix}`);
    // Where start-up went (bench/README.md, "Where start-up goes"): ms since the process began.
    const nt = performance.nodeTiming;
    log.debug(`start-up: V8 at ${nt.v8Start.toFixed(1)} ms, environment (the snapshot's heap) at ${nt.environment.toFixed(1)}, bootstrap at ${nt.bootstrapComplete.toFixed(1)}, this line at ${performance.now().toFixed(1)}`);

    // Cluster flags: join or start an etcd cluster (docs/cluster.md). Bad flags are a usage error, a cluster that cannot start ends the run with 1.
    let cluster: Cluster | undefined;
    try {
      const clusterOpts = parseClusterFlags(args, { hostname, prefix });
      if (follow && !clusterOpts) throw new UsageError('deploys come from a cluster: give --seeds URL (or --cluster) with `empty` or --deploy');
      if (clusterOpts) cluster = await (await import('../cluster/cluster.js')).startCluster(clusterOpts, log.child('cluster'));
    } catch (e) {
      unlock();
      if (tmpPrefix) rmSync(prefix, { recursive: true, force: true });
      if (e instanceof UsageError) throw e;
      process.stderr.write(`mgmt run: ${(e as Error).message}\n`);
      return 1;
    }

    let world;
    try {
      world = openWorld({ cluster, hostname, dir: tmpPrefix ? undefined : join(prefix, 'world') });
    } catch (e) {
      await cluster?.close();
      unlock();
      if (tmpPrefix) rmSync(prefix, { recursive: true, force: true });
      throw new UsageError((e as Error).message);
    }
    const engine = new Engine({
      hostname,
      world,
      stateRoot: join(prefix, 'state'),
      noop: args.flags.get('noop') === true,
      sema: sema || undefined,
      autogroup: args.flags.get('no-autogroup') !== true,
      autoedges: !noAutoEdges,
    });
    // For the `remote` resource (docs/remote.md): it sends this program, tunnelled to this etcd.
    setRunContext({ program: lang === undefined ? undefined : resolve(lang), etcd: () => cluster?.endpoints[0], convergedTimeout });
    let source!: GraphSource;
    let sourceText: (file: string) => string | undefined = () => undefined;
    let deploy: Deploy | undefined;
    if (lang !== undefined) {
      source = new MclSource(lang, { watch, hostname, noAutoEdges, localDir: join(prefix, 'local'), world });
      try {
        deploy = loadDeploy(lang);
        const root = deploy.root;
        sourceText = (file) => readText(join(root, file));
      } catch {
        // the source reports a bad entry itself
      }
    } else if (puppet !== undefined) {
      const factsFile = args.flags.get('facts') as string | undefined;
      source = new PuppetSource(puppet, { watch, factsFile, hostname, localDir: join(prefix, 'local') });
    } else if (yaml !== undefined) source = new YamlSource(yaml, { watch, noAutoEdges, world, hostname });
    // YAML and Puppet errors are placed in the file itself.
    if (yaml !== undefined || puppet !== undefined) sourceText = readText;
    if (follow) source = new DeploySource({ endpoints: cluster!.endpoints, tls: cluster!.tls, dir: join(prefix, 'deploys'), watch, hostname, noAutoEdges, localDir: join(prefix, 'local'), world, initial: given ? source : undefined, onEndpoints: (cb) => cluster!.onEndpoints(cb) });

    let haveGraph = false;
    let finishing = false;
    let resolveDone!: (code: number) => void;
    const done = new Promise<number>((r) => (resolveDone = r));
    const finish = (code: number) => {
      if (finishing) return;
      finishing = true;
      resolveDone(code);
    };
    const outcome = () => (reportOutcome(engine, log) ? RUN_EXIT.failed : RUN_EXIT.ok);

    const host = hostname ?? osHostname();
    const exporter = new Exporter(world, host, (id) => engine.specOf(id), () => {
      convergence.update();
      converger.poke();
    });
    const convergence = new ClusterConvergence(world, host, () => haveGraph && engine.isConverged() && exporter.idle, () => converger.poke());
    const converger = new Converger(() => convergence.converged(), convergedTimeout, () => {
      log.info('converged');
      finish(outcome());
    });
    engine.onChange(() => {
      exporter.update(engine.graph);
      convergence.update();
      converger.poke();
    });
    const maxTimer = maxRuntime > 0 ? setTimeout(() => {
      log.info(`max runtime of ${maxRuntime} s reached`);
      finish(outcome());
    }, maxRuntime * 1000) : undefined;
    const onSignal = (sig: NodeJS.Signals) => {
      if (finishing) {
        // A second signal: the user means it.
        process.exit(sig === 'SIGINT' ? RUN_EXIT.sigint : RUN_EXIT.sigterm);
      }
      log.info(`${sig}: stopping (waiting for running resources)`);
      finish(sig === 'SIGINT' ? RUN_EXIT.sigint : RUN_EXIT.sigterm);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    const swapIn = async (g: ResourceGraph) => {
      if (finishing) return;
      try {
        await engine.swap(g);
      } catch (e) {
        log.error(`swap failed: ${(e as Error).message}`);
        return;
      }
      haveGraph = true;
      exporter.update(engine.graph);
      convergence.update();
      converger.poke();
      if (graphviz) {
        try {
          writeFileSync(graphviz, graphDot(engine.graph));
        } catch (e) {
          log.warn(`could not write --graphviz ${graphviz}: ${(e as Error).message}`);
        }
      }
    };
    const onError = (e: LangError, fatal: boolean) => {
      process.stderr.write(renderLocal(e, deploy, sourceText) + '\n');
      if (fatal) finish(RUN_EXIT.compile);
      else log.warn('keeping the running graph');
    };

    log.info(`running ${source.describe}`);
    try {
      await source.start({ graph: (g) => void swapIn(g), error: onError });
    } catch (e) {
      log.error(`${source.describe}: ${(e as Error).message}`);
      finish(RUN_EXIT.compile);
    }
    const code = await done;

    converger.stop();
    convergence.close();
    clearTimeout(maxTimer);
    const t0 = performance.now();
    await source.stop();
    const t1 = performance.now();
    await engine.stop();
    const t2 = performance.now();
    await world.close();
    await cluster?.close();
    log.debug(`stopped: source ${(t1 - t0).toFixed(1)} ms, engine ${(t2 - t1).toFixed(1)} ms, world ${(performance.now() - t2).toFixed(1)} ms`);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    unlock();
    if (tmpPrefix) rmSync(prefix, { recursive: true, force: true });
    log.debug(`exiting with ${code}`);
    return code;
  },
};
