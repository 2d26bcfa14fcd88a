// One vertex's life in the engine: create its resource(s) (a grouped vertex
// runs its members too), init, Watch (or poll) with retries, and the
// CheckApply loop: runs once every dependency last succeeded, folds events
// that arrive meanwhile into one more run, retries with Meta:retry/delay,
// honours the token bucket and the semaphores. Every call into a resource is
// guarded: a throw or a hang fails this vertex, never the process.

import { setMaxListeners } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Value } from '../lang/types/value.js';
import { valueEqual } from '../lang/types/value.js';
import type { KindDef, ResourceSpec } from '../resources/kind.js';
import type { Logger } from '../util/log.js';
import type { World } from '../world/world.js';
import { vertexId } from './graph.js';
import type { Vertex } from './graph.js';
import { TokenBucket } from './ratelimit.js';
import { NotImplementedResource } from './resource.js';
import type { Resource, ResourceRuntime } from './resource.js';
import type { SemaphoreTable } from './semaphore.js';
import { blockedBy } from './blocked.js';
import { applyRecv } from './sendrecv.js';
import type { SentLookup } from './sendrecv.js';

/** What a worker needs from the engine around it. */
export interface WorkerHost {
  noop: boolean;
  hostname: string;
  world: World;
  /** The state directory root: each resource gets `<stateRoot>/<kind>/<name>`. */
  stateRoot: string;
  semas: SemaphoreTable;
  /** Semaphores every resource takes (`--sema N`). */
  globalSemas: string[];
  log: Logger;
  sent: SentLookup;
  /** Finds a kind's definition (its `create`): the registry, or a test's own kinds. */
  kinds: (kind: string) => KindDef | undefined;
  /** A worker's state changed (for the converger). */
  changed(): void;
}

/** One resource inside a vertex: the vertex itself, or a member grouped into it. */
export interface Unit {
  vertex: Vertex;
  id: string;
  /** The params the resource runs with (send/recv writes here). */
  spec: ResourceSpec;
  resource?: Resource;
  rt: ResourceRuntime;
  /** The latest values this unit sent, by key. */
  sent: Map<string, Value>;
  watchRunning: boolean;
  /** Whether a refresh notification came for the CheckApply now running. */
  refreshNow: boolean;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

const NO_SENT: ReadonlyMap<string, Value> = new Map();
const noRelease = (): void => undefined;

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Run `p` but give up after `ms` (0 = never) with a clear error. */
function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return ms ? raceTimeout(p, ms, what) : p;
}

async function raceTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    t = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(t);
  }
}

/**
 * What a resource gets from the engine (one per unit). A class, not an object
 * of closures: a thousand resources make a thousand of these per swap, and
 * the logger is made only when something logs. The callbacks are arrow
 * properties, so a resource may pass `rt.event` on as it is.
 */
class UnitRuntime implements ResourceRuntime {
  private logger: Logger | undefined;
  private dirMade = false;
  readonly world: World;
  readonly hostname: string;
  readonly signal: AbortSignal;

  constructor(
    private readonly worker: Worker,
    private readonly unit: Unit,
    private readonly host: WorkerHost,
    /** The vertex the unit was made from: its state directory keeps this name. */
    private readonly made: Vertex,
  ) {
    this.world = host.world;
    this.hostname = host.hostname;
    this.signal = worker.signal;
  }

  get log(): Logger {
    return (this.logger ??= this.unit.id === this.worker.id ? this.worker.log : this.host.log.child(this.unit.id));
  }

  event = (): void => {
    this.unit.watchRunning ||= true;
    this.worker.event();
  };

  running = (): void => {
    this.worker.unitRunning(this.unit);
  };

  // Made on first use: most kinds never look, and a thousand eager mkdirs
  // (and their removal with --tmp-prefix) cost more than checking the files.
  get stateDir(): string {
    const dir = join(this.host.stateRoot, this.made.kind, encodeURIComponent(this.made.name));
    if (!this.dirMade) {
      mkdirSync(dir, { recursive: true });
      this.dirMade = true;
    }
    return dir;
  }

  refresh = (): boolean => this.unit.refreshNow;

  send = (values: Record<string, Value>): void => {
    for (const [k, v] of Object.entries(values)) this.unit.sent.set(k, v);
  };
}

/** The reason every stopped vertex's signal carries: one Error for the process (its stack says nothing anyway). */
let stopReason: Error | undefined;

export class Worker {
  readonly id: string;
  vertex: Vertex;
  readonly units: Unit[] = [];
  /** Vertices this one depends on, and those depending on it (with the edge's notify). */
  deps: Worker[] = [];
  out: { to: Worker; notify: boolean }[] = [];
  private logger: Logger | undefined;

  /** A CheckApply is wanted (coalesces any number of events). */
  pending = false;
  running = false;
  /** Watch is up (or polling), so CheckApply may run. */
  started = false;
  /** Init or setup is still going on. */
  starting = true;
  /** Whether the last CheckApply succeeded; undefined before the first. */
  lastOk: boolean | undefined;
  /** Set when retries are exhausted: blocks dependents until a later success. */
  permanentFailure: string | undefined;
  /** Why this vertex waits in vain: a dependency failed for good or was itself skipped (blocked.ts). */
  skipped: string | undefined;
  /** How many CheckApplys succeeded (tests and `realize` read it). */
  applied = 0;
  private refreshPending = false;
  private applyFailures = 0;
  private timer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private readonly controller = new AbortController();
  private readonly bucket: TokenBucket;
  private watches: Promise<void>[] = [];
  private current: Promise<void> | undefined;
  private stopping = false;

  constructor(
    vertex: Vertex,
    private readonly host: WorkerHost,
  ) {
    this.vertex = vertex;
    this.id = vertexId(vertex);
    this.bucket = new TokenBucket(vertex.meta.limit, vertex.meta.burst);
    for (const member of [vertex, ...(vertex.group ?? [])]) this.units.push(this.makeUnit(member));
    // Every unit of a grouped vertex listens on this one signal (its Watch, a
    // retry's sleep, a running command): node's default of 10 listeners would
    // warn of a leak for a group of ten prints. (Not for every vertex: it costs
    // more than the rest of making a worker.)
    if (this.units.length > 3) setMaxListeners(10 + 3 * this.units.length, this.controller.signal);
  }

  private makeUnit(vertex: Vertex): Unit {
    const id = vertexId(vertex);
    const spec: ResourceSpec = { kind: vertex.kind, name: vertex.name, params: new Map(vertex.params), meta: vertex.meta };
    const unit: Unit = { vertex, id, spec, sent: new Map(), watchRunning: false, refreshNow: false, rt: undefined as unknown as ResourceRuntime };
    unit.rt = new UnitRuntime(this, unit, this.host, vertex);
    return unit;
  }

  /** The abort signal every unit of this vertex shares. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** rt.running() of one unit: CheckApply may start once every unit's Watch runs. */
  unitRunning(unit: Unit): void {
    if (unit.watchRunning) return;
    unit.watchRunning = true;
    this.maybeStarted();
  }

  /** Start: create and init the resources, then Watch (or poll). Never throws. */
  async start(): Promise<void> {
    for (const u of this.units) {
      const kind = this.host.kinds(u.spec.kind);
      try {
        if (!kind) throw new Error(`unknown resource kind \`${u.spec.kind}\``);
        if (!kind.create) throw new NotImplementedResource(u.spec.kind);
        u.resource = kind.create(u.spec);
        u.spec = u.resource.spec ?? u.spec;
        await u.resource.init(u.rt);
      } catch (e) {
        // Stopped (by a swap or shutdown) while starting: not a failure of the resource.
        if (this.stopping) return void (this.starting = false);
        this.failPermanently(`could not start: ${errText(e)}`);
        this.starting = false;
        this.host.changed();
        return;
      }
    }
    this.starting = false;
    if (this.stopping) return;
    if (this.vertex.meta.poll > 0) {
      // Poll replaces Watch: a CheckApply every `poll` seconds.
      this.pollTimer = setInterval(() => this.event(), this.vertex.meta.poll * 1000);
      this.started = true;
      this.poke();
      return;
    }
    for (const u of this.units) this.watches.push(this.watchLoop(u));
    this.host.changed();
  }

  /** Made on first use: most vertices never log anything. */
  get log(): Logger {
    return (this.logger ??= this.host.log.child(this.id));
  }

  private maybeStarted(): void {
    if (this.started || !this.units.every((u) => u.watchRunning)) return;
    this.started = true;
    this.poke();
  }

  /** Keep Watch going: a failure is retried per Meta:retry/delay (its own counter). */
  private async watchLoop(u: Unit): Promise<void> {
    const meta = this.vertex.meta;
    let failures = 0;
    const signal = this.controller.signal;
    while (!signal.aborted) {
      try {
        await u.resource!.watch(u.rt);
        if (signal.aborted) return;
        throw new Error('Watch returned before it was stopped');
      } catch (e) {
        if (signal.aborted) return;
        failures++;
        if (meta.retry !== -1 && failures > meta.retry) {
          this.failPermanently(`Watch failed: ${errText(e)}`);
          this.host.changed();
          return;
        }
        this.log.warn(`Watch failed, retrying in ${meta.delay} ms (retry ${failures}${meta.retry === -1 ? '' : ` of ${meta.retry}`}): ${errText(e)}`);
        u.watchRunning = false;
        await sleep(meta.delay, signal);
      }
    }
  }

  /** Restart a Watch that failed for good (Meta:rewatch, on a swap). */
  rewatch(): void {
    if (this.stopping || this.starting || !this.permanentFailure?.startsWith('Watch failed')) return;
    this.permanentFailure = undefined;
    this.watches = this.units.map((u) => this.watchLoop(u));
    this.poke();
  }

  /** A Watch event: something may have drifted. */
  event(): void {
    if (!this.started) this.maybeStarted();
    this.poke();
  }

  /** Ask for a CheckApply (with a refresh notification when `refresh`). */
  poke(refresh = false): void {
    if (refresh) this.refreshPending = true;
    this.pending = true;
    this.kick();
  }

  /** Every dependency last succeeded and is not about to run again. */
  private depsReady(): boolean {
    return this.deps.every((d) => d.lastOk === true && !d.running && !d.pending && !d.timer);
  }

  /** Run a CheckApply now if one is wanted and allowed. */
  kick(): void {
    if (this.stopping || !this.started || this.running || this.timer || !this.pending) return;
    if (!this.depsReady()) {
      this.noteBlocked();
      this.host.changed();
      return;
    }
    const wait = this.bucket.take();
    if (wait > 0) {
      this.log.debug(`rate limited: next CheckApply in ${wait} ms`);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.kick();
      }, wait);
      this.host.changed();
      return;
    }
    this.current = this.runOnce();
  }

  /** Say once why this vertex cannot run (a dependency failed), and tell its own dependents. */
  private noteBlocked(): void {
    const why = blockedBy(this.deps);
    if (why === this.skipped) return;
    this.skipped = why;
    if (why === undefined) return;
    this.log.warn(`skipped: ${why}`);
    this.kickDependents();
  }

  /** Let dependents look again; a microtask each, so a long chain does not grow the stack. */
  private kickDependents(): void {
    for (const { to } of this.out) queueMicrotask(() => to.kick());
  }

  private async runOnce(): Promise<void> {
    this.pending = false;
    this.running = true;
    this.skipped = undefined;
    this.host.changed();
    const meta = this.vertex.meta;
    const apply = !(this.host.noop || meta.noop);
    const refresh = this.refreshPending;
    this.refreshPending = false;
    const sentBefore = this.units.map((u) => (u.sent.size === 0 ? NO_SENT : new Map(u.sent)));
    let ok = false;
    let changed = false;
    try {
      // Most vertices take no semaphore: skip the table (and its await) then.
      const semas = this.semaIds();
      const release = semas.length === 0 && this.host.globalSemas.length === 0 ? noRelease : await this.host.semas.acquireAll([...semas, ...this.host.globalSemas]);
      try {
        const lead = this.units[0].resource!;
        if (this.units.length > 1 && lead.checkApplyGroup && this.units.every((u) => u.spec.kind === this.units[0].spec.kind)) {
          // One CheckApply for the whole group (pkg: one transaction).
          for (const u of this.units) {
            this.recv(u);
            u.refreshNow = refresh;
          }
          const members = this.units.map((u) => ({ resource: u.resource!, rt: u.rt }));
          const states = await withTimeout(Promise.resolve().then(() => lead.checkApplyGroup!(members, apply)), meta.timeout, 'CheckApply');
          this.units.forEach((u, i) => {
            if (states[i] !== false) return;
            changed = true;
            if (!apply) u.rt.log.info('not in the desired state (noop: nothing changed)');
          });
        } else {
          for (const u of this.units) {
            this.recv(u);
            u.refreshNow = refresh;
            const inState = await withTimeout(Promise.resolve().then(() => u.resource!.checkApply(u.rt, apply)), meta.timeout, 'CheckApply');
            if (!inState) {
              changed = true;
              if (!apply) u.rt.log.info('not in the desired state (noop: nothing changed)');
            }
          }
        }
      } finally {
        release();
      }
      ok = true;
    } catch (e) {
      if (this.controller.signal.aborted) {
        // The engine stopped this vertex (a swap replaced or removed it, or
        // shutdown): the abort is ours, not the resource's failure, and it
        // costs no retry. The refresh goes with the old vertex.
        this.log.debug(`CheckApply interrupted: the vertex was stopped (${errText(e)})`);
        this.running = false;
        this.host.changed();
        return;
      }
      this.log.error(`CheckApply failed: ${errText(e)}`);
    }
    this.running = false;
    if (ok) this.succeeded(changed && apply, sentBefore);
    else this.failed(refresh);
    this.host.changed();
    if (this.pending) this.kick();
  }

  /** Send/recv into this unit (only a vertex with recv wiring needs the kind or the logger). */
  private recv(u: Unit): void {
    if (u.vertex.recv?.size) applyRecv(u.vertex, u.spec, this.host.kinds(u.spec.kind), this.host.sent, u.rt.log);
  }

  private semaIds(): string[] {
    if (this.units.length === 1) return this.units[0].spec.meta.sema;
    const ids = new Set<string>();
    for (const u of this.units) for (const s of u.spec.meta.sema) ids.add(s);
    return [...ids];
  }

  private succeeded(changed: boolean, sentBefore: ReadonlyMap<string, Value>[]): void {
    this.lastOk = true;
    this.applied++;
    if (this.permanentFailure) this.log.info('recovered');
    this.permanentFailure = undefined;
    if (this.vertex.meta.retryreset) this.applyFailures = 0;
    const sentChanged = this.units.some((u, i) => {
      const before = sentBefore[i];
      if (before.size !== u.sent.size) return true;
      for (const [k, v] of u.sent) {
        const b = before.get(k);
        if (b === undefined || !valueEqual(b, v)) return true;
      }
      return false;
    });
    for (const { to, notify } of this.out) {
      if (changed) to.poke(notify);
      else if (sentChanged && to.receivesFrom(this)) to.poke();
      else to.kick();
    }
  }

  private failed(refresh: boolean): void {
    this.lastOk = false;
    // The refresh was not acted on: keep it for the next run.
    if (refresh) this.refreshPending = true;
    this.applyFailures++;
    const meta = this.vertex.meta;
    if (meta.retry === -1 || this.applyFailures <= meta.retry) {
      this.log.warn(`retrying in ${meta.delay} ms (retry ${this.applyFailures}${meta.retry === -1 ? '' : ` of ${meta.retry}`})`);
      this.pending = true;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.kick();
      }, meta.delay);
      return;
    }
    this.failPermanently('CheckApply failed and no retries are left');
  }

  private failPermanently(why: string): void {
    this.lastOk = false;
    this.permanentFailure = why;
    this.log.error(`failed permanently: ${why}`);
    // Dependents waiting for this vertex now wait in vain: let them say so.
    this.kickDependents();
  }

  /** Does any unit of this vertex receive values from `sender`? */
  receivesFrom(sender: Worker): boolean {
    const ids = new Set(sender.units.map((u) => u.id));
    return this.units.some((u) => [...(u.vertex.recv?.values() ?? [])].some((r) => ids.has(vertexId(r.from))));
  }

  /** Nothing is running or about to run here. */
  idle(): boolean {
    if (this.starting) return false;
    if (this.permanentFailure && !this.running && !this.timer) return true;
    if (!this.started) return false;
    if (this.running || this.timer) return false;
    return !(this.pending && this.depsReady());
  }

  /** The vertex was kept by a swap: take the new graph's vertex objects (same identities). */
  rebind(v: Vertex): void {
    this.vertex = v;
    const members = [v, ...(v.group ?? [])];
    for (const u of this.units) u.vertex = members.find((m) => vertexId(m) === u.id) ?? u.vertex;
  }

  /**
   * Meta:realize: before this vertex is removed, let it apply once (unless it
   * did, or it or a dependency failed for good), waiting at most `maxMs`.
   */
  async realize(maxMs = 30_000): Promise<void> {
    const end = Date.now() + maxMs;
    while (this.applied === 0 && !this.permanentFailure && Date.now() < end) {
      if (this.deps.some((d) => d.permanentFailure !== undefined)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Stop Watch, let a running CheckApply finish, then clean up. Never throws. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    clearInterval(this.pollTimer);
    // One shared reason: abort() without one makes a DOMException (and its
    // stack) per vertex, ~8 ms of stopping a thousand of them.
    this.controller.abort((stopReason ??= Object.assign(new Error('the vertex was stopped'), { name: 'AbortError' })));
    await this.current;
    const grace = 5000;
    const watchesDone = Promise.allSettled(this.watches);
    // The grace timer is cleared once Watch is done: left pending, it would
    // keep this whole worker (resources, runtimes) alive for `grace` ms.
    let graceTimer: NodeJS.Timeout | undefined;
    const t = await Promise.race([watchesDone.then(() => true), new Promise<boolean>((r) => (graceTimer = setTimeout(() => r(false), grace).unref()))]);
    clearTimeout(graceTimer);
    if (!t) this.log.warn(`Watch did not stop within ${grace} ms`);
    for (const u of this.units) {
      if (!u.resource) continue;
      try {
        await withTimeout(Promise.resolve().then(() => u.resource!.cleanup()), grace, 'Cleanup');
      } catch (e) {
        u.rt.log.error(`Cleanup failed: ${errText(e)}`);
      }
    }
  }
}
