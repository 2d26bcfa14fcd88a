// The engine: runs a resource graph (every vertex in its own Worker, in
// parallel, event-driven) and hot-swaps in each new graph a frontend
// produces. Swaps are serialised; a running vertex equal to its new version
// is kept untouched.

import { hostname as osHostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LangError } from '../lang/errors.js';
import type { Value } from '../lang/types/value.js';
import type { KindDef, ResourceSpec } from '../resources/kind.js';
import { getKind } from '../resources/index.js';
import { log as rootLog } from '../util/log.js';
import type { Logger } from '../util/log.js';
import { EmbeddedWorld } from '../world/embedded.js';
import type { World } from '../world/world.js';
import { addAsyncAutoEdges } from './autoedge.js';
import { autoGroup } from './autogroup.js';
import type { GraphSource } from './frontend.js';
import { ResourceGraph, vertexId } from './graph.js';
import { SemaphoreTable } from './semaphore.js';
import { planSwap } from './swap.js';
import { logSwap } from './swap-log.js';
import { Worker } from './worker.js';
import type { WorkerHost } from './worker.js';

export interface EngineOptions {
  hostname?: string;
  world?: World;
  /** Root of the resources' private state directories. */
  stateRoot?: string;
  /** `--noop`: no resource changes anything. */
  noop?: boolean;
  /** `--sema N`: one extra semaphore of size N that every resource takes. */
  sema?: number;
  /** Group vertices before running them (default true; `--no-autogroup`). */
  autogroup?: boolean;
  /** Add the AutoEdges that ask the machine (pkg file lists) on each swap (default true; `--no-autoedges`). */
  autoedges?: boolean;
  log?: Logger;
  /** Where kinds are looked up (default: the registry); tests add their own. */
  kinds?: (kind: string) => KindDef | undefined;
}

export class Engine {
  /** The graph now running (after autogrouping). */
  graph = new ResourceGraph();
  private workers = new Map<string, Worker>();
  private swapChain: Promise<void> = Promise.resolve();
  private swapsInFlight = 0;
  private readonly listeners = new Set<() => void>();
  private readonly host: WorkerHost;
  private readonly autogroup: boolean;
  private readonly autoedges: boolean;
  private stopped = false;

  constructor(opts: EngineOptions = {}) {
    this.autogroup = opts.autogroup ?? true;
    this.autoedges = opts.autoedges ?? true;
    this.host = {
      noop: opts.noop ?? false,
      hostname: opts.hostname ?? osHostname(),
      world: opts.world ?? new EmbeddedWorld(),
      stateRoot: opts.stateRoot ?? join(tmpdir(), `mgmt-state-${process.pid}`),
      semas: new SemaphoreTable(),
      globalSemas: opts.sema ? [`:global:${opts.sema}`] : [],
      log: opts.log ?? rootLog,
      sent: (id, key) => this.sentValue(id, key),
      kinds: opts.kinds ?? getKind,
      changed: () => this.emit(),
    };
  }

  /** Swap `next` in: resolves once removed vertices are stopped and new ones started. */
  swap(next: ResourceGraph): Promise<void> {
    this.swapsInFlight++;
    this.emit();
    const p = this.swapChain.then(() => this.doSwap(next));
    this.swapChain = p.catch(() => undefined).finally(() => {
      this.swapsInFlight--;
      this.emit();
    });
    return p;
  }

  private async doSwap(next: ResourceGraph): Promise<void> {
    if (this.stopped) return;
    // Edges that need the machine (pkg file lists) come before grouping.
    if (this.autoedges) await addAsyncAutoEdges(next, this.host.log);
    const t0 = performance.now();
    if (this.autogroup) autoGroup(next);
    const runnable = next.vertices.filter((v) => !v.meta.hidden);
    const plan = planSwap(this.workers, runnable);
    logSwap(plan, this.host.log, performance.now() - t0);
    await Promise.all(plan.stopped.map(async (w) => {
      if (w.vertex.meta.realize) await w.realize();
      await w.stop();
    }));
    const workers = new Map<string, Worker>();
    for (const { worker, vertex } of plan.kept) {
      worker.rebind(vertex);
      workers.set(worker.id, worker);
    }
    const fresh: Worker[] = [];
    for (const { vertex } of plan.started) {
      const w = new Worker(vertex, this.host);
      workers.set(w.id, w);
      fresh.push(w);
    }
    // Edges: rewire every worker from the new graph (hidden vertices never run, so never block).
    for (const w of workers.values()) {
      w.deps = [];
      w.out = [];
    }
    for (const e of next.edges) {
      const from = workers.get(vertexId(e.from));
      const to = workers.get(vertexId(e.to));
      if (!from || !to) continue;
      to.deps.push(from);
      from.out.push({ to, notify: e.notify });
    }
    this.workers = workers;
    this.graph = next;
    for (const { worker } of plan.kept) {
      if (worker.vertex.meta.rewatch) worker.rewatch();
      worker.kick();
    }
    await Promise.all(fresh.map((w) => w.start()));
    this.emit();
  }

  /** Connect a frontend: each graph it produces is swapped in; errors go to `onError`. */
  async run(source: GraphSource, onError: (e: LangError, fatal: boolean) => void): Promise<void> {
    await source.start({
      graph: (g) => {
        this.swap(g).catch((e) => this.host.log.error(`swap failed: ${(e as Error).message}`));
      },
      error: onError,
    });
  }

  /** Called whenever any vertex changes state (for convergence and tests). */
  onChange(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private emit(): void {
    for (const cb of this.listeners) cb();
  }

  /** Every vertex idle and no swap under way. */
  isConverged(): boolean {
    if (this.swapsInFlight > 0) return false;
    for (const w of this.workers.values()) if (!w.idle()) return false;
    return true;
  }

  /** Resolves true once converged, or false after `maxMs`. */
  waitConverged(maxMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      let off = () => {};
      const check = () => {
        if (!this.isConverged()) return;
        clearTimeout(t);
        off();
        resolve(true);
      };
      const t = setTimeout(() => {
        off();
        resolve(false);
      }, maxMs);
      // One look per tick however many workers changed (a thousand files make thousands of changes).
      let queued = false;
      const queue = () => {
        if (queued) return;
        queued = true;
        setImmediate(() => {
          queued = false;
          check();
        });
      };
      off = this.onChange(queue);
      queue();
    });
  }

  /** Vertices that failed for good (retries exhausted, or could not start). */
  failures(): { id: string; why: string }[] {
    return [...this.workers.values()].filter((w) => w.permanentFailure).map((w) => ({ id: w.id, why: w.permanentFailure! }));
  }

  /** Vertices that cannot run because a dependency failed (blocked.ts), with why. */
  skipped(): { id: string; why: string }[] {
    return [...this.workers.values()].filter((w) => w.skipped !== undefined && !w.permanentFailure).map((w) => ({ id: w.id, why: w.skipped! }));
  }

  /** The params a resource (or grouped member) runs with now: after send/recv. */
  specOf(id: string): ResourceSpec | undefined {
    for (const w of this.workers.values()) for (const u of w.units) if (u.id === id) return u.spec;
    return undefined;
  }

  /** The worker running a vertex (for tests and status). */
  worker(id: string): Worker | undefined {
    return this.workers.get(id);
  }

  private sentValue(id: string, key: string): Value | undefined {
    for (const w of this.workers.values()) for (const u of w.units) if (u.id === id) return u.sent.get(key);
    return undefined;
  }

  /** Stop every Watch, wait for running CheckApplys, clean up. */
  async stop(): Promise<void> {
    await this.swapChain;
    this.stopped = true;
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
    this.emit();
  }
}
