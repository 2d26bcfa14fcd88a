// An agent that follows deploys (`mgmt run --seeds URL empty`, or --deploy):
// a frontend whose graphs come from the newest deploy in etcd. It runs the
// empty graph (or the code given with --lang/--yaml) until there is a deploy,
// then fetches the newest one into <prefix>/deploys/<id>/ and runs it with the
// ordinary frontend (MclSource, YamlSource), so a deploy's own function
// changes make new graphs as in any run. A newer deploy is started beside the
// running one and takes over with its first graph, through the same engine
// swap as an edited file; one that does not compile or run here is reported
// and the running deploy stays. New deploys are seen through an etcd watch
// on /_mgmt/deploy/, never by polling.

import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Watcher } from 'etcd3';
import type { Etcd3 } from '../cluster/client.js';
import { makeClient } from '../cluster/client.js';
import type { ClusterTls } from '../cluster/flags.js';
import type { GraphSink, GraphSource } from '../engine/frontend.js';
import { ResourceGraph } from '../engine/graph.js';
import { renderLocal } from '../lang/diagnose.js';
import type { LangError } from '../lang/errors.js';
import { loadDeploy } from '../lang/index.js';
import { MclSource } from '../lang/stream.js';
import { log as rootLog } from '../util/log.js';
import { readText } from '../util/read-text.js';
import { YamlSource } from '../yamlgraph/source.js';
import { materialize } from './deploy-files.js';
import type { Manifest } from './deploys.js';
import { DEPLOY, newestDeploy, readManifest, short } from './deploys.js';
import type { World } from './world.js';

const log = rootLog.child('deploy');

export interface FollowOptions {
  /** The cluster's client URLs, and its TLS files. */
  endpoints: string[];
  tls?: ClusterTls;
  /** Where deploys are written (<prefix>/deploys); emptied at start. */
  dir: string;
  /** Hot-swap on function changes within a deploy (not --no-watch). */
  watch: boolean;
  hostname?: string;
  noAutoEdges?: boolean;
  localDir: string;
  world: World;
  /** Run this until a deploy newer than the newest at start arrives (--deploy with --lang/--yaml). */
  initial?: GraphSource;
  /** The cluster's members changing (Cluster.onEndpoints): the client follows them, as the World's does. */
  onEndpoints?: (cb: (endpoints: string[]) => void) => () => void;
}

interface Running {
  /** 0 for the initial code. */
  id: number;
  source: GraphSource;
  manifest?: Manifest;
}

export class DeploySource implements GraphSource {
  readonly describe: string;
  private client: Etcd3;
  private unfollowEndpoints?: () => void;
  private sink?: GraphSink;
  private watcher?: Watcher;
  /** The deploy whose graphs the engine runs, and a newer one being started. */
  private active?: Running;
  private pending?: Running;
  /** Deploys at or below this id are not taken (those that existed before the initial code started). */
  private floor = 0;
  /** Deploys that could not run here: not tried again (a newer deploy is). */
  private readonly failed = new Set<number>();
  private checking = false;
  private again = false;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private retryDelay = 100;
  private outage = false;
  private saidEmpty = false;

  constructor(private readonly opts: FollowOptions) {
    this.describe = opts.initial ? `${opts.initial.describe}, then deploys from etcd` : 'deploys from etcd';
    this.client = this.connect(opts.endpoints);
    this.unfollowEndpoints = opts.onEndpoints?.((eps) => this.repoint(eps));
  }

  private connect(endpoints: string[]): Etcd3 {
    return makeClient(endpoints, this.opts.tls, { dialTimeout: 3000, callDeadlineMs: 10_000, watchMaxDelay: 2000 });
  }

  /**
   * The cluster's members changed: a new client on them (etcd3 cannot change
   * a client's hosts) and the watch again on it; its first answer looks for
   * the newest deploy, so nothing published meanwhile is missed.
   */
  private repoint(endpoints: string[]): void {
    if (this.stopped || !endpoints.length) return;
    const [oldClient, oldWatcher] = [this.client, this.watcher];
    this.client = this.connect(endpoints);
    this.watcher = undefined;
    void (oldWatcher?.cancel() ?? Promise.resolve()).catch(() => undefined).finally(() => oldClient.close());
    if (oldWatcher) void this.follow();
  }

  async start(sink: GraphSink): Promise<void> {
    this.sink = sink;
    rmSync(this.opts.dir, { recursive: true, force: true });
    mkdirSync(this.opts.dir, { recursive: true });
    if (this.opts.initial) {
      const initial: Running = { id: 0, source: this.opts.initial };
      this.active = initial;
      // Only deploys made after this start replace the code we were given (as upstream).
      const floor = this.untilAnswered(() => newestDeploy(this.client));
      await initial.source.start(this.innerSink(initial));
      void floor.then((n) => {
        this.floor = n;
        void this.follow();
      }, () => undefined);
    } else {
      sink.graph(new ResourceGraph());
      void this.follow();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unfollowEndpoints?.();
    clearTimeout(this.retryTimer);
    await this.watcher?.cancel().catch(() => undefined);
    await Promise.all([this.active?.source.stop(), this.pending?.source.stop()]);
    this.client.close();
  }

  /** Watch /_mgmt/deploy/ (its first answer, and every reconnection, looks for the newest deploy). */
  private async follow(): Promise<void> {
    try {
      this.watcher = await this.client.watch().prefix(DEPLOY).create();
    } catch (e) {
      if (this.stopped) return;
      log.warn(`could not watch ${DEPLOY}: ${(e as Error).message}; retrying`);
      this.retryTimer = setTimeout(() => void this.follow(), 1000);
      return;
    }
    if (this.stopped) return void this.watcher.cancel().catch(() => undefined);
    this.watcher.on('put', () => void this.check());
    this.watcher.on('connected', () => void this.check());
    const watcher = this.watcher;
    watcher.on('error', (e) => {
      if (this.stopped || watcher !== this.watcher) return;
      log.warn(`watch error: ${e.message}`);
      // A watch cancelled by etcd (it would resume behind a compaction): watch again.
      if (/canceled/i.test(e.message)) {
        this.watcher = undefined;
        void this.follow();
      }
    });
    await this.check();
  }

  /** Look for a newer deploy and start it; never two at once, and once more if asked meanwhile. */
  private async check(): Promise<void> {
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = true;
    try {
      do {
        this.again = false;
        await this.checkOnce();
      } while (this.again && !this.stopped);
    } finally {
      this.checking = false;
    }
  }

  private async checkOnce(): Promise<void> {
    if (this.stopped) return;
    let id: number;
    let manifest: Manifest;
    let fetched = 0;
    const dir = () => join(this.opts.dir, String(id));
    try {
      id = await newestDeploy(this.client);
      const have = Math.max(this.floor, this.active?.id ?? 0, this.pending?.id ?? 0);
      if (id === 0 && !this.active && !this.saidEmpty) log.info('no deploy yet: running the empty graph until one comes');
      this.saidEmpty = true;
      if (id <= have || this.failed.has(id)) return this.up();
      manifest = await readManifest(this.client, id);
      const prev = this.active?.manifest ? { manifest: this.active.manifest, dir: join(this.opts.dir, String(this.active.id)) } : undefined;
      fetched = await materialize(this.client, manifest, dir(), prev);
    } catch (e) {
      if (this.stopped) return;
      const msg = (e as Error).message;
      // A deploy that is not ours (or is damaged) is skipped; etcd not answering is retried.
      if (/not one of ours|bad path|does not match|is missing from etcd/.test(msg)) {
        log.error(`${msg}: skipped`);
        this.failed.add(id!);
        return;
      }
      if (!this.outage) log.warn(`could not read the deploys from etcd (${msg}); retrying`);
      this.outage = true;
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => void this.check(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 2000);
      return;
    }
    this.up();
    if (this.stopped) return;
    const main = join(dir(), manifest.main);
    const source =
      manifest.frontend === 'lang'
        ? new MclSource(main, { watch: this.opts.watch, hostname: this.opts.hostname, noAutoEdges: this.opts.noAutoEdges, localDir: this.opts.localDir, world: this.opts.world })
        : new YamlSource(main, { watch: this.opts.watch, noAutoEdges: this.opts.noAutoEdges, world: this.opts.world, hostname: this.opts.hostname });
    const next: Running = { id, source, manifest };
    const old = this.pending;
    this.pending = next;
    if (old) this.drop(old);
    log.debug(`deploy ${id}: ${Object.keys(manifest.files).length} files in ${dir()}, ${fetched} bytes fetched from etcd`);
    // Not awaited: a deploy slow to make its first graph must not hold up a newer one.
    source.start(this.innerSink(next)).catch((e: Error) => {
      if (this.stopped || next !== this.pending) return;
      log.error(`deploy ${id} cannot run on this host: ${e.message}`);
      this.failed.add(id);
      this.pending = undefined;
      this.drop(next);
    });
  }

  private up(): void {
    if (this.outage) log.info('etcd answers again');
    this.outage = false;
    this.retryDelay = 100;
  }

  /** Graphs of the active deploy go to the engine; the first graph of a pending one makes it the active one. */
  private innerSink(r: Running): GraphSink {
    return {
      graph: (g) => {
        if (this.stopped) return;
        if (r === this.pending) {
          const old = this.active;
          this.active = r;
          this.pending = undefined;
          const m = r.manifest!;
          log.info(`swapping to deploy ${r.id} (${m.frontend} ${m.main}${m.hash ? `, commit ${short(m.hash)}` : ''}${old ? `; was ${old.id ? `deploy ${old.id}` : 'the code given at start'}` : ''})`);
          this.sink!.graph(g);
          if (old) this.drop(old);
          return;
        }
        if (r === this.active) this.sink!.graph(g);
      },
      error: (e, fatal) => {
        if (this.stopped) return;
        if (r.id === 0) {
          // The code given at start: as a plain `mgmt run` (a first compile error ends the run).
          if (r === this.active) this.sink!.error(e, fatal);
          return;
        }
        process.stderr.write(this.render(r, e) + '\n');
        if (r === this.pending && fatal) {
          log.error(`deploy ${r.id} cannot run on this host; keeping ${this.active?.id ? `deploy ${this.active.id}` : this.active ? 'the code given at start' : 'the empty graph'}`);
          this.failed.add(r.id);
          this.pending = undefined;
          this.drop(r);
        } else if (r === this.active) log.warn(`keeping the running graph of deploy ${r.id}`);
      },
    };
  }

  private render(r: Running, e: LangError): string {
    if (r.manifest?.frontend !== 'lang') return renderLocal(e, undefined, () => undefined);
    try {
      const d = loadDeploy(join(this.opts.dir, String(r.id), r.manifest.main));
      return renderLocal(e, d, (f) => readText(join(d.root, f)));
    } catch {
      return renderLocal(e, undefined, () => undefined);
    }
  }

  /** Stop a deploy's frontend and remove its files. */
  private drop(r: Running): void {
    void r.source.stop().then(() => {
      if (!r.id || this.stopped) return;
      for (const name of readdirSync(this.opts.dir)) {
        const keep = [this.active?.id, this.pending?.id].some((id) => id && (name === String(id) || name === `${id}.part`));
        if (!keep && (name === String(r.id) || /^\d+$/.test(name))) rmSync(join(this.opts.dir, name), { recursive: true, force: true });
      }
    }).catch((e: Error) => log.warn(`could not clean up deploy ${r.id}: ${e.message}`));
  }

  /** Run a read until etcd answers (start-up only; the agent has just reached the cluster). */
  private async untilAnswered<T>(f: () => Promise<T>): Promise<T> {
    for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
      try {
        return await f();
      } catch (e) {
        if (this.stopped) throw e;
        log.warn(`etcd did not answer (${(e as Error).message}); retrying`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
}
