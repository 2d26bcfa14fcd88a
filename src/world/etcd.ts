// The etcd World: the store agents of a cluster share. Same interface as the
// embedded store; keys live under /_mgmt/ in upstream mgmt's layout:
//
//   /_mgmt/exported/<toHost|*>/<fromHost>/<kind>/<name>  an exported resource
//   /_mgmt/strings/<key>                                 world.getval / kv
//   /_mgmt/strings/<namespace>/<host>                    kv with mapped (kvlookup)
//   /_mgmt/converged/<host>                              converged state, under a lease
//
// One etcd watch on /_mgmt/ feeds every local watcher: nothing polls. Calls
// carry deadlines (a write after a leader loss would otherwise block ~7 s)
// and are retried here, with etcd3's own circuit breaker and retries off
// (components.md §1). Reads retry until etcd answers or the World closes,
// so a function waiting on an unreachable etcd just keeps its last value
// and the running graph stays; writes give up after WRITE_GIVE_UP_MS so a
// resource fails (and retries by its own Meta) instead of hanging.

import type { Etcd3, Lease, Watcher } from 'etcd3';
import type { Value } from '../lang/types/value.js';
import { log } from '../util/log.js';
import type { ExportedResource, World } from './world.js';
import { LocalValues } from './local-values.js';
import { exportedPrefix } from './keys.js';
import { makeClient } from '../cluster/client.js';
import type { ClusterTls } from '../cluster/flags.js';
import { EtcdScheduler } from './scheduler-etcd.js';

export interface EtcdWorldOptions {
  /** Client URLs of the cluster's etcd members. */
  endpoints: string[];
  /** This host's name: what it exports from and collects for. */
  hostname: string;
  /** Certificates for mutual TLS (the cluster's --cert-file, --key-file, --ca-file). */
  tls?: ClusterTls;
  /** Seconds a dead host's converged state outlives it. Default 5. */
  convergedTTL?: number;
}

const NS = '/_mgmt';
const STRINGS = `${NS}/strings/`;
const EXPORTED = `${NS}/exported/`;
const CONVERGED = `${NS}/converged/`;
/** The local (embedded-layout) prefix of mapped kv values: see keys.ts. */
const LOCAL_MAPPED = '_mgmt/mapped/';
const CALL_DEADLINE_MS = 2000;
const WRITE_GIVE_UP_MS = 15_000;

/** An exported resource's key. */
export function exportKey(to: string, from: string, kind: string, name: string): string {
  return `${EXPORTED}${to}/${from}/${kind}/${name}`;
}

/** Parse an exported resource's key; undefined for a malformed one. Names may hold slashes. */
export function parseExportKey(key: string): { to: string; from: string; kind: string; name: string } | undefined {
  if (!key.startsWith(EXPORTED)) return undefined;
  const parts = key.slice(EXPORTED.length).split('/');
  if (parts.length < 4) return undefined;
  const [to, from, kind, ...rest] = parts;
  const name = rest.join('/');
  if (!to || !from || !kind || !name) return undefined;
  return { to, from, kind, name };
}

/** A World key → its etcd key. Plain keys and mapped values share /_mgmt/strings/, as upstream. */
function toEtcd(key: string): string {
  return key.startsWith(LOCAL_MAPPED) ? STRINGS + key.slice(LOCAL_MAPPED.length) : STRINGS + key;
}

class Closed extends Error {
  constructor() {
    super('the world store is closed');
  }
}

export class EtcdWorld extends LocalValues implements World {
  private watchers = new Set<{ prefix: string; cb: () => void }>();
  private convergedWatchers = new Set<(hosts: ReadonlyMap<string, boolean>) => void>();
  private readonly hostname: string;
  private client: Etcd3;
  private endpoints: string[];
  private readonly tls?: ClusterTls;
  private repointing: Promise<void> = Promise.resolve();
  private watcher?: Watcher;
  private watchReady: Promise<void>;
  private closed = false;
  private readonly abort = new AbortController();
  /** What this host has written under exported/: key → value. Undefined until the first export. */
  private exported?: Map<string, string>;
  private exportChain: Promise<void> = Promise.resolve();
  /** Every live host's converged state, kept from the watch. */
  private converged = new Map<string, boolean>();
  private convergedLoaded = false;
  private lease?: Lease;
  private readonly ttl: number;
  private myConverged?: boolean;
  private convergedChain: Promise<void> = Promise.resolve();
  /** Set while etcd is unreachable: one log line per outage, not per retry. */
  private outage?: string;
  readonly scheduler: EtcdScheduler;

  constructor(opts: EtcdWorldOptions) {
    super();
    if (!opts.endpoints.length) throw new Error('the etcd World needs at least one endpoint');
    if (!opts.hostname || opts.hostname.includes('/')) throw new Error(`the hostname \`${opts.hostname}\` cannot name a host in etcd keys`);
    this.hostname = opts.hostname;
    this.ttl = opts.convergedTTL ?? 5;
    this.endpoints = [...opts.endpoints];
    this.tls = opts.tls;
    this.client = this.connect(opts.endpoints);
    this.scheduler = new EtcdScheduler({ client: () => this.client, retry: (w, op, ms) => this.retry(w, op, ms), hostname: this.hostname });
    this.watchReady = this.startWatch().catch((e: Error) => {
      if (!this.closed) log.warn(`etcd: could not watch ${NS}/: ${e.message}`);
    });
  }

  // ---- key/value ------------------------------------------------------------

  async get(key: string): Promise<string | undefined> {
    const v = await this.retry(`get ${key}`, () => this.client.get(toEtcd(key)).string(), Infinity);
    return v ?? undefined;
  }

  async set(key: string, value: string): Promise<void> {
    const k = toEtcd(key);
    // Put only when different: an unchanged value makes no watch event anywhere.
    await this.retry(`set ${key}`, () =>
      this.client.if(k, 'Value', '==', value).else(this.client.put(k).value(value)).commit(),
    );
  }

  async delete(key: string): Promise<void> {
    await this.retry(`delete ${key}`, () => this.client.delete().key(toEtcd(key)).exec());
  }

  async list(prefix: string): Promise<Map<string, string>> {
    const mapped = prefix.startsWith(LOCAL_MAPPED);
    const kv = await this.retry(`list ${prefix}`, () => this.client.getAll().prefix(toEtcd(prefix)).strings(), Infinity);
    const out = new Map<string, string>();
    for (const k of Object.keys(kv).sort()) {
      const rest = k.slice(STRINGS.length);
      // A mapped namespace's values are one level down, one per host.
      if (mapped && rest.slice(prefix.length - LOCAL_MAPPED.length).includes('/')) continue;
      out.set(mapped ? LOCAL_MAPPED + rest : rest, kv[k]);
    }
    return out;
  }

  watch(prefix: string, cb: () => void): () => void {
    const w = { prefix, cb };
    this.watchers.add(w);
    return () => void this.watchers.delete(w);
  }

  // ---- exported resources ---------------------------------------------------

  /** Replace this host's exports: put what changed, delete what went. Serialised, newest wins. */
  exportResources(host: string, res: ExportedResource[]): Promise<void> {
    const want = new Map<string, string>();
    for (const r of res) {
      const value = JSON.stringify({ mgmt: 1, kind: r.kind, name: r.name, params: r.params, meta: r.meta ?? {} });
      for (const to of new Set(r.to)) want.set(exportKey(to === '' ? '*' : to, host, r.kind, r.name), value);
    }
    // After close nothing more is written (exports stay as they were): not an error.
    const run = this.exportChain.catch(() => undefined).then(() => this.syncExports(host, want)).catch((e: Error) => {
      if (!(e instanceof Closed)) throw e;
    });
    this.exportChain = run;
    return run;
  }

  private async syncExports(host: string, want: Map<string, string>): Promise<void> {
    if (!this.exported) {
      // First export of this run: what a previous run of this host left behind is ours to replace.
      const all = await this.retry('list exports', () => this.client.getAll().prefix(EXPORTED).strings(), Infinity);
      this.exported = new Map(Object.entries(all).filter(([k]) => parseExportKey(k)?.from === host));
    }
    const have = this.exported;
    for (const [k, v] of want) {
      if (have.get(k) === v) continue;
      await this.retry(`export ${k}`, () => this.client.if(k, 'Value', '==', v).else(this.client.put(k).value(v)).commit(), Infinity);
      have.set(k, v);
    }
    for (const k of [...have.keys()]) {
      if (want.has(k)) continue;
      await this.retry(`unexport ${k}`, () => this.client.delete().key(k).exec(), Infinity);
      have.delete(k);
    }
  }

  async collectResources(kind: string, host: string): Promise<ExportedResource[]> {
    const kvs = await this.retry(`collect ${kind}`, () => this.client.getAll().prefix(EXPORTED).sort('Key', 'Ascend').strings(), Infinity);
    const byId = new Map<string, ExportedResource>();
    for (const [k, v] of Object.entries(kvs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const p = parseExportKey(k);
      if (!p || p.kind !== kind || (p.to !== '*' && p.to !== host)) continue;
      const id = `${p.from}\0${p.name}`;
      const prev = byId.get(id);
      if (prev) {
        prev.to.push(p.to);
        continue;
      }
      const data = decodeExport(v);
      if (!data) {
        log.warn(`etcd: ${k} does not hold one of our exported resources (upstream's gob encoding?): skipped`);
        continue;
      }
      byId.set(id, { kind, name: p.name, host: p.from, to: [p.to], params: data.params, meta: data.meta });
    }
    return [...byId.values()].sort((a, b) => (a.host === b.host ? (a.name < b.name ? -1 : 1) : a.host < b.host ? -1 : 1));
  }

  // ---- convergence ----------------------------------------------------------

  /** Publish this host's converged state under its lease (only when it changes). */
  setConverged(converged: boolean): void {
    if (this.closed || this.myConverged === converged) return;
    this.myConverged = converged;
    this.convergedChain = this.convergedChain.then(() => this.putConverged()).catch((e: Error) => {
      if (!(e instanceof Closed)) log.warn(`etcd: could not publish the converged state: ${e.message}`);
    });
  }

  watchConverged(cb: (hosts: ReadonlyMap<string, boolean>) => void): () => void {
    this.convergedWatchers.add(cb);
    if (this.convergedLoaded) queueMicrotask(() => cb(this.converged));
    return () => void this.convergedWatchers.delete(cb);
  }

  private async putConverged(): Promise<void> {
    const key = CONVERGED + this.hostname;
    for (;;) {
      if (this.closed) throw new Closed();
      const value = String(this.myConverged);
      const lease = this.ensureLease();
      try {
        await this.retry(`converged ${value}`, () => lease.put(key).value(value).exec());
        return;
      } catch (e) {
        if (this.lease === lease) throw e;
        // The lease was lost meanwhile: write again under the new one.
      }
    }
  }

  private ensureLease(): Lease {
    if (this.lease) return this.lease;
    const lease = this.client.lease(this.ttl);
    lease.on('lost', (e) => {
      // A lease of a client we left (setEndpoints) is not ours any more.
      if (this.closed || this.lease !== lease) return;
      // During an outage this is the outage, already said.
      if (!this.outage) log.warn(`etcd: lost the lease of this host's converged state (${e.message}); taking a new one`);
      if (this.lease === lease) this.lease = undefined;
      if (this.closed || this.myConverged === undefined) return;
      this.convergedChain = this.convergedChain.then(() => this.putConverged()).catch(() => undefined);
    });
    this.lease = lease;
    return lease;
  }

  // ---- watch ----------------------------------------------------------------

  private async startWatch(): Promise<void> {
    const reload = async () => {
      const kv = await this.retry('read converged states', () => this.client.getAll().prefix(CONVERGED).strings(), Infinity);
      this.converged = new Map(Object.entries(kv).map(([k, v]) => [k.slice(CONVERGED.length), v === 'true']));
      this.convergedLoaded = true;
      this.tellConverged();
    };
    try {
      this.watcher = await this.client.watch().prefix(`${NS}/`).create();
    } catch (e) {
      if (this.closed) return;
      throw e;
    }
    this.watcher.on('put', (kv) => this.onEvent(kv.key.toString(), kv.value.toString()));
    this.watcher.on('delete', (kv) => this.onEvent(kv.key.toString(), undefined));
    this.watcher.on('disconnected', (e) => {
      if (!this.closed) this.down(`watch: ${e.message}`);
    });
    this.watcher.on('connected', () => {
      this.up();
      // Anything may have changed while we were away: everyone looks again.
      void reload().catch(() => undefined);
      this.scheduler.resync();
      for (const w of [...this.watchers]) this.call(w.cb);
    });
    const watcher = this.watcher;
    watcher.on('error', (e) => {
      if (this.closed || watcher !== this.watcher) return;
      log.warn(`etcd: watch error: ${e.message}`);
      // etcd cancels a watch that would resume behind a compaction (a long
      // outage): watch again from now, and everyone reads again.
      if (/canceled/i.test(e.message)) this.rewatch();
    });
    await reload();
  }

  private rewatch(): void {
    this.watchReady = this.startWatch()
      .then(() => {
        this.scheduler.resync();
        for (const w of [...this.watchers]) this.call(w.cb);
      })
      .catch((e: Error) => {
        if (!this.closed) log.warn(`etcd: could not watch ${NS}/ again: ${e.message}`);
      });
  }

  private onEvent(key: string, value: string | undefined): void {
    if (this.scheduler.onEvent(key, value)) return;
    if (key.startsWith(CONVERGED)) {
      const host = key.slice(CONVERGED.length);
      if (value === undefined) this.converged.delete(host);
      else this.converged.set(host, value === 'true');
      this.tellConverged();
      return;
    }
    const local: string[] = [];
    if (key.startsWith(STRINGS)) {
      const rest = key.slice(STRINGS.length);
      local.push(rest, LOCAL_MAPPED + rest);
    } else {
      const p = parseExportKey(key);
      if (p && (p.to === '*' || p.to === this.hostname)) local.push(exportedPrefix(p.kind) + p.name);
    }
    for (const w of [...this.watchers]) if (local.some((k) => k.startsWith(w.prefix))) this.call(w.cb);
  }

  private tellConverged(): void {
    for (const cb of [...this.convergedWatchers]) cb(this.converged);
  }

  private call(cb: () => void): void {
    queueMicrotask(() => {
      try {
        cb();
      } catch {
        /* the watcher's own problem */
      }
    });
  }

  // ---- retries --------------------------------------------------------------

  /** Run `op` until it succeeds, the World closes, or `giveUpMs` passes; log an outage once. */
  private async retry<T>(what: string, op: () => Promise<T>, giveUpMs = WRITE_GIVE_UP_MS): Promise<T> {
    const start = Date.now();
    let delay = 50;
    for (;;) {
      if (this.closed) throw new Closed();
      try {
        const v = await op();
        this.up();
        return v;
      } catch (e) {
        if (this.closed) throw new Closed();
        this.down(`${what}: ${(e as Error).message}`);
        if (Date.now() - start + delay > giveUpMs) throw new Error(`etcd unreachable (${what}): ${(e as Error).message}`);
        await sleep(delay, this.abort.signal);
        delay = Math.min(delay * 2, 1000);
      }
    }
  }

  private down(why: string): void {
    if (this.outage) return;
    this.outage = why;
    log.warn(`etcd is unreachable (${why}); keeping the running graph and retrying`);
  }

  private up(): void {
    if (!this.outage) return;
    this.outage = undefined;
    log.info('etcd is reachable again');
  }

  // ---- following the cluster's members ---------------------------------------

  private connect(endpoints: string[]): Etcd3 {
    return makeClient(endpoints, this.tls, { dialTimeout: 3000, callDeadlineMs: CALL_DEADLINE_MS, watchMaxDelay: 2000 });
  }

  /**
   * The cluster's members changed: talk to these from now on (the cluster
   * agent calls this through Cluster.onEndpoints). etcd3 cannot change a
   * client's hosts, so a new client takes over: the watch starts again on it
   * and every watcher reads again (nothing is missed), and keys held under a
   * lease (the converged state, the scheduler's) move to leases of the new
   * client before the old ones are revoked. Exports hold no lease.
   */
  setEndpoints(endpoints: string[]): Promise<void> {
    const run = this.repointing.then(() => this.repoint(endpoints)).catch((e: Error) => {
      if (!(e instanceof Closed)) log.warn(`etcd: could not follow the cluster's endpoints: ${e.message}`);
    });
    this.repointing = run;
    return run;
  }

  private async repoint(endpoints: string[]): Promise<void> {
    const same = endpoints.length === this.endpoints.length && endpoints.every((e) => this.endpoints.includes(e));
    if (this.closed || !endpoints.length || same) return;
    log.debug(`etcd: following the cluster's endpoints ${endpoints.join(',')}`);
    const [oldClient, oldWatcher, oldLease] = [this.client, this.watcher, this.lease];
    this.endpoints = [...endpoints];
    this.client = this.connect(endpoints);
    this.lease = undefined;
    this.watchReady = this.startWatch().catch((e: Error) => {
      if (!this.closed) log.warn(`etcd: could not watch ${NS}/: ${e.message}`);
    });
    await this.watchReady;
    // Anything may have changed while no watch was on the new client.
    for (const w of [...this.watchers]) this.call(w.cb);
    this.scheduler.resync();
    if (this.myConverged !== undefined) {
      this.convergedChain = this.convergedChain.then(() => this.putConverged()).catch(() => undefined);
      await this.convergedChain;
    }
    await this.scheduler.repoint();
    void oldWatcher?.cancel().catch(() => undefined);
    const revoked = oldLease ? Promise.race([oldLease.revoke().catch(() => undefined), sleep(1000)]) : Promise.resolve();
    void revoked.then(() => oldClient.close());
  }

  /** Resolves once the watch is in place (tests, and callers that must not miss an event). */
  ready(): Promise<void> {
    return this.watchReady;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Exports stay (as upstream: stopping an agent is not un-exporting); the converged state goes.
    // Let a pending export finish, but an unreachable etcd must not hold the exit.
    const giveUp = new AbortController();
    await Promise.race([this.exportChain.catch(() => undefined), sleep(2000, giveUp.signal)]);
    giveUp.abort();
    await Promise.race([this.repointing, sleep(2000)]);
    await this.scheduler.close();
    this.closed = true;
    this.abort.abort();
    this.watchers.clear();
    this.convergedWatchers.clear();
    const lease = this.lease;
    this.lease = undefined;
    // Revoke so that the others stop counting this host at once, but never wait long for it.
    const giveUp2 = new AbortController();
    await Promise.race([lease?.revoke().catch(() => undefined), sleep(1000, giveUp2.signal)]);
    giveUp2.abort();
    await this.watcher?.cancel().catch(() => undefined);
    this.client.close();
  }
}

function decodeExport(v: string): { params: Record<string, unknown>; meta: Record<string, unknown> } | undefined {
  try {
    const d = JSON.parse(v) as { mgmt?: number; params?: Record<string, unknown>; meta?: Record<string, unknown> };
    if (d?.mgmt !== 1 || typeof d.params !== 'object') return undefined;
    return { params: d.params, meta: d.meta ?? {} };
  } catch {
    return undefined;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
