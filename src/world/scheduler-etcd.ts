// The scheduler over etcd, in upstream mgmt's key layout:
//
//   /_mgmt/scheduler/election/<id>             hostname, under a lease: the oldest key decides
//   /_mgmt/scheduler/hostname/<host>/<ns>      a host taking part: its options (maxCount=2&persist=…)
//   /_mgmt/scheduler/schedule/<ns>             the decision: chosen hosts, comma-separated
//
// A host campaigns once it runs a `schedule` resource: it puts its election
// key under a lease, and the host whose key is oldest (lowest create
// revision, as etcd's concurrency election: upstream agents would agree)
// decides. The decider runs each namespace's strategy whenever an entry under
// hostname/ comes or goes (a host joins, withdraws, or its lease expires) and
// writes schedule/<ns> only when the choice changed. Entries live under one
// lease per TTL, so a dead host drops out when it expires; `persist` entries
// have none. Everything reacts to the World's one watch on /_mgmt/ (events
// arrive through onEvent): nothing polls.

import type { Etcd3, Lease } from 'etcd3';
import { log } from '../util/log.js';
import { STRATEGIES, decodeOptions, encodeOptions, mergeOptions } from './scheduler.js';
import type { ScheduleOptions, Scheduler, Strategy } from './scheduler.js';

const PREFIX = '/_mgmt/scheduler/';
const ELECTION = `${PREFIX}election/`;
const HOSTNAME = `${PREFIX}hostname/`;
const SCHEDULE = `${PREFIX}schedule/`;
/** Seconds a dead decider holds its place (upstream: 1 s; keep-alives every third of it, so not less here). */
const ELECTION_TTL = 5;

/** What the scheduler needs of its World: the current client (it changes when the cluster's endpoints do) and retries. */
export interface SchedulerOps {
  client(): Etcd3;
  retry<T>(what: string, op: () => Promise<T>, giveUpMs?: number): Promise<T>;
  readonly hostname: string;
}

/** One of this host's entries, kept to write it again under a new lease. */
interface Entry {
  host: string;
  opts: ScheduleOptions;
  /** The ttl was given: on a clean exit the entry stays that long (else it goes at once). */
  lingers: boolean;
}

export class EtcdScheduler implements Scheduler {
  /** Leases by `ttl/linger`, and the election's. */
  private leases = new Map<string, Promise<Lease>>();
  private mine = new Map<string, Entry>();
  private campaigning = false;
  private leader = false;
  /** Who decides, as last read (undefined: not known). */
  private elected?: string;
  private strategies = new Map<string, { name: string; s: Strategy }>();
  private deciding?: Promise<void>;
  private again = false;
  /** The decisions this host has read, by namespace. */
  private scheduled = new Map<string, string[]>();
  private watchers = new Map<string, Set<(hosts: string[]) => void>>();
  private closed = false;

  constructor(private readonly ops: SchedulerOps) {}

  // ---- taking part ------------------------------------------------------------

  async add(host: string, namespace: string, opts: ScheduleOptions, apply: boolean): Promise<boolean> {
    const key = `${HOSTNAME}${host}/${namespace}`;
    const value = encodeOptions(opts);
    const entry: Entry = { host, opts, lingers: opts.lingers === true };
    if (apply) this.mine.set(namespace, entry);
    const lease = opts.persist ? undefined : await this.leaseFor(entry);
    const id = lease ? await lease.grant() : '0';
    const kv = await this.ops.retry(`read ${key}`, () => this.ops.client().get(key).exec(), Infinity);
    const have = kv.kvs[0];
    if (have && have.value.toString() === value && String(have.lease) === id) {
      this.campaign();
      return true;
    }
    if (!apply) return false;
    await this.put(key, value, lease);
    this.campaign();
    return false;
  }

  async withdraw(host: string, namespace: string, apply: boolean): Promise<boolean> {
    const key = `${HOSTNAME}${host}/${namespace}`;
    if (apply) this.mine.delete(namespace);
    // Still campaign: the decider must see the withdrawal even when it is the last host.
    this.campaign();
    const there = await this.ops.retry(`read ${key}`, () => this.ops.client().get(key).exists(), Infinity);
    if (!there) return true;
    if (!apply) return false;
    await this.ops.retry(`withdraw ${key}`, () => this.ops.client().delete().key(key).exec());
    return false;
  }

  private async put(key: string, value: string, lease: Lease | undefined): Promise<void> {
    if (!lease) {
      // No lease: a plain put also detaches the key from one it had.
      await this.ops.retry(`schedule ${key}`, () => this.ops.client().put(key).value(value).exec());
      return;
    }
    await this.ops.retry(`schedule ${key}`, () => lease.put(key).value(value).exec());
  }

  private leaseFor(e: Entry): Promise<Lease> {
    return this.lease(`${e.opts.ttl}/${e.lingers ? 'linger' : 'revoke'}`, e.opts.ttl);
  }

  /** The lease of this name, granted on the current client; a lost one is replaced and its keys written again. */
  private lease(name: string, ttl: number): Promise<Lease> {
    let p = this.leases.get(name);
    if (p) return p;
    p = this.ops.retry(
      'grant a scheduler lease',
      async () => {
        // etcd3 grants a lease once, when it is made: a failed grant needs a new Lease.
        const l = this.ops.client().lease(ttl);
        l.on('lost', () => {
          if (this.closed || this.leases.get(name) !== p) return;
          this.leases.delete(name);
          log.warn(`scheduler: lost a lease of this host's entries (etcd unreachable for ${ttl} s); writing them again`);
          void this.reassert().catch(() => undefined);
        });
        await l.grant();
        return l;
      },
      Infinity,
    );
    this.leases.set(name, p);
    p.catch(() => this.leases.get(name) === p && this.leases.delete(name));
    return p;
  }

  /** Write this host's election key and entries again, under the current leases (after a lost lease or a new client). */
  private async reassert(): Promise<void> {
    for (const [ns, e] of [...this.mine]) {
      const lease = e.opts.persist ? undefined : await this.leaseFor(e);
      await this.put(`${HOSTNAME}${e.host}/${ns}`, encodeOptions(e.opts), lease);
    }
    if (this.campaigning) await this.putElection();
  }

  /** The World's client changed: move every leased key to leases of the new client, then drop the old leases. */
  async repoint(): Promise<void> {
    const old = [...this.leases.values()];
    this.leases = new Map();
    await this.reassert();
    for (const p of old) void p.then((l) => l.revoke()).catch(() => undefined);
  }

  // ---- the election and the decision ---------------------------------------------

  private campaign(): void {
    if (this.campaigning || this.closed) return;
    this.campaigning = true;
    void this.putElection()
      .then(() => this.decide())
      .catch((e: Error) => log.warn(`scheduler: could not campaign: ${e.message}`));
  }

  private async putElection(): Promise<void> {
    const lease = await this.lease('election', ELECTION_TTL);
    const key = ELECTION + this.ops.hostname;
    // Put again on the same key keeps its create revision: a new lease does not lose our place.
    await this.ops.retry('campaign', () => lease.put(key).value(this.ops.hostname).exec(), Infinity);
  }

  /** Run a decision now, or right after the running one. */
  private decide(): void {
    if (!this.campaigning || this.closed) return;
    if (this.deciding) {
      this.again = true;
      return;
    }
    this.deciding = this.decideNow()
      .catch((e: Error) => {
        if (!this.closed) log.warn(`scheduler: ${e.message}`);
      })
      .finally(() => {
        this.deciding = undefined;
        if (this.again) {
          this.again = false;
          this.decide();
        }
      });
  }

  private async decideNow(): Promise<void> {
    const c = () => this.ops.client();
    const first = await this.ops.retry('read the election', () => c().getAll().prefix(ELECTION).sort('Create', 'Ascend').limit(1).strings(), Infinity);
    const elected = Object.values(first)[0];
    this.elected = elected;
    const was = this.leader;
    this.leader = elected === this.ops.hostname;
    if (!this.leader) {
      // Whoever decides next starts from the stored decisions.
      this.strategies.clear();
      return;
    }
    if (!was) log.info('scheduler: this host decides the schedules');
    const [entries, stored] = await Promise.all([
      this.ops.retry('read schedule entries', () => c().getAll().prefix(HOSTNAME).strings(), Infinity),
      this.ops.retry('read schedules', () => c().getAll().prefix(SCHEDULE).strings(), Infinity),
    ]);
    // namespace → host → options; namespaces with a stored decision but no hosts left are decided too (to empty).
    const byNs = new Map<string, Map<string, ScheduleOptions>>();
    for (const k of Object.keys(stored)) byNs.set(k.slice(SCHEDULE.length), new Map());
    for (const [k, v] of Object.entries(entries)) {
      const [host, ns, ...rest] = k.slice(HOSTNAME.length).split('/');
      if (!host || !ns || rest.length) continue;
      if (!byNs.has(ns)) byNs.set(ns, new Map());
      byNs.get(ns)!.set(host, decodeOptions(v));
    }
    for (const [ns, hosts] of byNs) {
      if (this.closed) return;
      const opts = mergeOptions(hosts);
      let st = this.strategies.get(ns);
      if (!st || st.name !== opts.strategy) this.strategies.set(ns, (st = { name: opts.strategy, s: STRATEGIES[opts.strategy]() }));
      const last = splitHosts(stored[SCHEDULE + ns]);
      const chosen = [...new Set(await st.s.schedule([...hosts.keys()], opts.max, async () => last))].filter((h) => hosts.has(h)).sort();
      const value = chosen.join(',');
      const key = SCHEDULE + ns;
      if (chosen.length === 0) {
        if (stored[key] === undefined) continue;
        await this.ops.retry(`schedule ${ns}`, () => c().delete().key(key).exec());
      } else {
        if (stored[key] === value) continue;
        await this.ops.retry(`schedule ${ns}`, () => c().if(key, 'Value', '==', value).else(c().put(key).value(value)).commit());
      }
      log.info(`scheduler: ${ns}: ${value ? `chose ${value}` : 'no host'} (of ${hosts.size}, max ${opts.max}, ${opts.strategy})`);
    }
  }

  // ---- reading the decision ----------------------------------------------------------

  watch(namespace: string, cb: (hosts: string[]) => void): () => void {
    let set = this.watchers.get(namespace);
    if (!set) this.watchers.set(namespace, (set = new Set()));
    set.add(cb);
    const known = this.scheduled.get(namespace);
    if (known) queueMicrotask(() => set!.has(cb) && cb(known));
    else void this.read(namespace);
    return () => {
      set!.delete(cb);
      if (set!.size === 0) {
        this.watchers.delete(namespace);
        this.scheduled.delete(namespace);
      }
    };
  }

  private async read(namespace: string): Promise<void> {
    try {
      const v = await this.ops.retry(`read schedule ${namespace}`, () => this.ops.client().get(SCHEDULE + namespace).string(), Infinity);
      this.learn(namespace, v ?? undefined, true);
    } catch {
      // closed
    }
  }

  /** A decision was read or seen: tell the watchers when it differs (`force`: tell them anyway, for a first read). */
  private learn(namespace: string, value: string | undefined, force = false): void {
    if (!this.watchers.has(namespace)) return;
    const hosts = splitHosts(value);
    const before = this.scheduled.get(namespace);
    this.scheduled.set(namespace, hosts);
    if (!force && before && before.join(',') === hosts.join(',')) return;
    for (const cb of [...(this.watchers.get(namespace) ?? [])]) {
      try {
        cb(hosts);
      } catch {
        /* the watcher's own problem */
      }
    }
  }

  // ---- hooks for the World --------------------------------------------------------------

  /** An event of the World's watch; returns whether it was the scheduler's. */
  onEvent(key: string, value: string | undefined): boolean {
    if (!key.startsWith(PREFIX)) return false;
    if (key.startsWith(SCHEDULE)) this.learn(key.slice(SCHEDULE.length), value);
    // A host came, went or changed its options; or the election changed.
    // Only the decider cares about entries. A new election key is never the
    // oldest, so only a key that goes (or no known decider) makes everyone look
    // again: on 1,000 hosts, a host joining costs no reads on the 999 others.
    else if (key.startsWith(ELECTION)) {
      if (value === undefined || this.elected === undefined) this.decide();
    } else if (key.startsWith(HOSTNAME) && this.leader) this.decide();
    return true;
  }

  /** The World's watch reconnected: anything may have changed. */
  resync(): void {
    this.elected = undefined;
    for (const ns of this.watchers.keys()) void this.read(ns);
    this.decide();
  }

  /**
   * On exit: entries without a given ttl (and the election key) go at once, as
   * upstream closes their session; entries with a ttl stay that long, as when
   * the host dies; `persist` entries stay.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.watchers.clear();
    const ends = [...this.leases].map(async ([name, p]) => {
      const l = await p;
      if (name.endsWith('/linger')) l.release();
      else await l.revoke();
    });
    await Promise.race([Promise.allSettled(ends), new Promise((r) => setTimeout(r, 1000).unref())]);
  }
}

function splitHosts(v: string | undefined): string[] {
  return (v ?? '').split(',').map((h) => h.trim()).filter(Boolean).sort();
}
