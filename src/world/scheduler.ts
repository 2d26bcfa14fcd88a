// The scheduler: hosts take part in a named namespace (the `schedule`
// resource), one elected host decides which of them are chosen, and
// `world.schedule(namespace)` reads the decision. This file holds what both
// Worlds share: the options as upstream stores them, the strategies, and the
// one-machine scheduler of the embedded World. The etcd one is in
// scheduler-etcd.ts.

/** What a host asks for when it takes part in a namespace (upstream's scheduler.Options). */
export interface ScheduleOptions {
  /** `rr` (default) or `alpha`. */
  strategy: string;
  /** The most hosts to choose (default 1). */
  max: number;
  /** Keep this host's entry when it goes away (no lease). */
  persist: boolean;
  /** Seconds a host that went away stays in (default 10). */
  ttl: number;
  /** The ttl was given: on a clean exit the entry stays that long, as when the host dies (else it goes at once). Not stored. */
  lingers?: boolean;
}

export const DEFAULT_OPTIONS: Readonly<ScheduleOptions> = Object.freeze({ strategy: 'rr', max: 1, persist: false, ttl: 10 });

/**
 * A strategy picks the chosen hosts from the hosts taking part. It may keep
 * state between calls while its host stays the decider (rr keeps its order);
 * `last` is the decision stored in the World, for a decider that just took over.
 */
export interface Strategy {
  schedule(hosts: string[], max: number, last: () => Promise<string[]>): Promise<string[]>;
}

/** The strategies by name, as upstream names them. */
export const STRATEGIES: Record<string, () => Strategy> = {
  // The first `max` hosts by name: stable whoever decides.
  alpha: () => ({
    schedule: async (hosts, max) => (max <= 0 ? [] : [...hosts].sort().slice(0, max)),
  }),
  // Hosts keep their place: the ones chosen before stay chosen, newcomers
  // queue at the end, and a host that leaves makes room for the next.
  rr: () => {
    let order: string[] = [];
    return {
      async schedule(hosts, max, last) {
        if (max <= 0 || hosts.length === 0) return [];
        if (order.length === 0) order = await last();
        const present = new Set(hosts);
        order = order.filter((h) => present.has(h));
        const known = new Set(order);
        for (const h of [...hosts].sort()) if (!known.has(h)) order.push(h);
        return order.slice(0, max);
      },
    };
  },
};

/** Why a strategy name is not known, or undefined. Upstream's message. */
export function badStrategy(name: string): string | undefined {
  return Object.hasOwn(STRATEGIES, name) ? undefined : `undefined strategy: ${name}`;
}

/** Why a namespace cannot be used (it is a key segment), or undefined. */
export function badNamespace(ns: string): string | undefined {
  if (ns === '') return 'the namespace must not be empty';
  if (ns.includes('/')) return `the namespace \`${ns}\` must not contain a slash`;
  return undefined;
}

/** The options as upstream stores them: a query string with sorted keys (Go's url.Values.Encode). */
export function encodeOptions(o: ScheduleOptions): string {
  const p = new URLSearchParams();
  p.set('maxCount', String(o.max));
  p.set('persist', String(o.persist));
  p.set('sessionTTL', String(o.ttl));
  p.set('strategy', o.strategy);
  return p.toString();
}

/** Parse stored options; fields that are missing or bad keep the defaults. */
export function decodeOptions(s: string): ScheduleOptions {
  const o = { ...DEFAULT_OPTIONS };
  const p = new URLSearchParams(s);
  const st = p.get('strategy');
  if (st !== null && !badStrategy(st)) o.strategy = st;
  const max = Number(p.get('maxCount'));
  if (p.has('maxCount') && Number.isInteger(max)) o.max = max;
  if (p.get('persist') === 'true') o.persist = true;
  const ttl = Number(p.get('sessionTTL'));
  if (p.has('sessionTTL') && Number.isInteger(ttl) && ttl > 0) o.ttl = ttl;
  return o;
}

/**
 * Merge the options every host of a namespace asked for. They should agree;
 * where they do not, the host last by name wins (upstream merges in Go's map
 * order, which is random: ours is at least the same on every decider).
 */
export function mergeOptions(byHost: Map<string, ScheduleOptions>): ScheduleOptions {
  const o = { ...DEFAULT_OPTIONS };
  for (const h of [...byHost.keys()].sort()) {
    const x = byHost.get(h)!;
    o.strategy = x.strategy;
    o.max = x.max;
    o.ttl = x.ttl;
    o.persist ||= x.persist;
  }
  return o;
}

/** The scheduler as resources and functions see it, whatever World is behind it. */
export interface Scheduler {
  /** Make `host` (this agent's) take part in `namespace`. Returns true when it already did, as asked (nothing to change). */
  add(host: string, namespace: string, opts: ScheduleOptions, apply: boolean): Promise<boolean>;
  /** Take `host` out of `namespace`. Returns true when it was not in it. */
  withdraw(host: string, namespace: string, apply: boolean): Promise<boolean>;
  /** Calls `cb` with the chosen hosts (sorted) now and after every change; returns an unsubscribe function. */
  watch(namespace: string, cb: (hosts: string[]) => void): () => void;
}

/**
 * One machine (the embedded World): the only host is this one. A `schedule`
 * resource puts it in its namespace and `world.schedule` then returns
 * `[hostname]` (with max ≥ 1); withdrawn, or before any resource has run, `[]`.
 * Nothing outlives the process: there is no other host to keep it for, and the
 * resource puts it back on its first run.
 */
export class LocalScheduler implements Scheduler {
  /** namespace → this host's name and options. */
  private readonly entries = new Map<string, { host: string; opts: ScheduleOptions }>();
  private readonly watchers = new Map<string, Set<(hosts: string[]) => void>>();

  async add(host: string, namespace: string, opts: ScheduleOptions, apply: boolean): Promise<boolean> {
    const have = this.entries.get(namespace);
    if (have && have.host === host && encodeOptions(have.opts) === encodeOptions(opts)) return true;
    if (apply) this.set(namespace, { host, opts });
    return false;
  }

  async withdraw(_host: string, namespace: string, apply: boolean): Promise<boolean> {
    if (!this.entries.has(namespace)) return true;
    if (apply) this.set(namespace, undefined);
    return false;
  }

  watch(namespace: string, cb: (hosts: string[]) => void): () => void {
    let set = this.watchers.get(namespace);
    if (!set) this.watchers.set(namespace, (set = new Set()));
    set.add(cb);
    queueMicrotask(() => set!.has(cb) && cb(this.chosen(namespace)));
    return () => void set!.delete(cb);
  }

  private chosen(namespace: string): string[] {
    const e = this.entries.get(namespace);
    return e && e.opts.max > 0 ? [e.host] : [];
  }

  private set(namespace: string, entry: { host: string; opts: ScheduleOptions } | undefined): void {
    const before = this.chosen(namespace).join(',');
    if (entry) this.entries.set(namespace, entry);
    else this.entries.delete(namespace);
    const now = this.chosen(namespace);
    if (now.join(',') === before) return;
    for (const cb of [...(this.watchers.get(namespace) ?? [])]) cb(now);
  }
}
