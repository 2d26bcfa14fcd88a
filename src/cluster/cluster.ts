// startCluster(): make this agent part of an etcd cluster, and keep it so.
//
// Volunteer → nominate → join: every agent that may run a member volunteers
// (a key under its lease); one agent, elected through a key under its lease,
// nominates volunteers until the cluster has its ideal size and
// un-nominates members above it (src/cluster/decide.ts); a nominated agent
// adds its own member (memberAdd, as a learner), starts etcd with state
// `existing`, and promotes it to a voter once it has caught up; an
// un-nominated one removes its member, stops etcd, wipes its data and stays
// on as a client. Everything is driven by etcd watches on those keys. Timers
// only where no key changes: the elected agent wakes when one of decide()'s
// waits ends (a host gone for GONE_MS…), and every SAFETY_MS for member-list
// changes made behind mgmt's back (etcd has no watch on the member list); a
// failed tick is retried after a second. An idle agent that does not decide
// has no timer at all.

import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Lease, Watcher } from 'etcd3';
import type { Logger } from '../util/log.js';
import { KEYS, joinUrls, makeClient, readMap, retry, within } from './client.js';
import type { Etcd3 } from './client.js';
import { decide, nextDeadline } from './decide.js';
import type { MemberInfo } from './decide.js';
import { ClusterError, EtcdProcess, checkPortsFree, findEtcd, killStale } from './etcd-process.js';
import type { ClusterOptions, ClusterTls } from './flags.js';

export { ClusterError } from './etcd-process.js';

export interface Cluster {
  /** Client URLs of the cluster's members, the nearest first: what the World connects to. */
  readonly endpoints: string[];
  /** The TLS files the World's client must use too (absent: plain http). */
  readonly tls?: ClusterTls;
  /** Called when `endpoints` changes; returns an unsubscribe function. */
  onEndpoints(cb: (endpoints: string[]) => void): () => void;
  /** This host runs an etcd member now. */
  isMember(): boolean;
  /** This agent is the one that decides membership now. */
  isLeader(): boolean;
  /** Leave the cluster cleanly: give up the member (unless it is the last), stop etcd, drop our keys. */
  close(): Promise<void>;
}

/** Seconds the agent's keys outlive it when it dies ($MGMT_CLUSTER_TTL; tests make it short). */
function leaseTtl(): number {
  const n = Number(process.env.MGMT_CLUSTER_TTL);
  return Number.isInteger(n) && n >= 1 ? n : 10;
}

/** The elected agent's look at the member list when nothing else woke it: only changes made outside mgmt need it. */
const SAFETY_MS = 30_000;
/** A tick that failed (etcd unreachable) is tried again after this. */
const RETRY_MS = 1000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, rej) => (t = setTimeout(() => rej(new Error(`${what}: no answer in ${ms} ms`)), ms)))]).finally(() => clearTimeout(t));
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

class ClusterAgent implements Cluster {
  private client!: Etcd3;
  private hosts: string[] = [];
  private lease!: Lease;
  private watchers: Watcher[] = [];
  private etcd: EtcdProcess | undefined;
  private memberId: string | undefined;
  private leader = false;
  private closed = false;
  private ticking: Promise<void> | undefined;
  private again = false;
  private keysLock: Promise<void> = Promise.resolve();
  /** After a failed join: when to volunteer again. */
  private volunteerAgain = 0;
  /** Watches are on (after start, until close): a new client gets them too. */
  private watching = false;
  private timer: NodeJS.Timeout | undefined;
  private since = new Map<string, number>();
  /** Since when ticks fail (0: they do not); said once it lasts, not for every blip of a member going. */
  private failingSince = 0;
  private unreachable = false;
  /** A bad /_mgmt/idealClusterSize, said once. */
  private badIdeal: string | null | undefined;
  private listeners = new Set<(eps: string[]) => void>();
  private readonly dataDir: string;
  private readonly me: string;

  constructor(
    private readonly opts: ClusterOptions,
    private readonly log: Logger,
  ) {
    this.dataDir = join(opts.prefix, 'etcd');
    this.me = opts.hostname;
  }

  get tls(): ClusterTls | undefined {
    return this.opts.tls;
  }

  get endpoints(): string[] {
    return [...this.hosts];
  }

  onEndpoints(cb: (eps: string[]) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  isMember(): boolean {
    return this.etcd?.running === true;
  }

  isLeader(): boolean {
    return this.leader;
  }

  private process(state: 'new' | 'existing', initialCluster: string): EtcdProcess {
    const o = this.opts;
    return new EtcdProcess(
      {
        name: this.me,
        dataDir: this.dataDir,
        clientUrls: o.clientUrls,
        serverUrls: o.serverUrls,
        advertiseClientUrls: o.advertiseClientUrls,
        advertiseServerUrls: o.advertiseServerUrls,
        initialCluster,
        state,
        token: `mgmt-${this.me}-${randomBytes(4).toString('hex')}`,
        tls: o.tls,
      },
      this.log,
      { onLost: (why, removed) => this.lost(why, removed) },
    );
  }

  async start(): Promise<void> {
    const o = this.opts;
    if (o.server) {
      findEtcd();
      // An etcd orphaned on our data (and maybe on our ports) goes first.
      await killStale(`${this.dataDir}.pid`, this.dataDir, this.log);
      await checkPortsFree([...o.clientUrls.map((url) => ({ flag: '--client-urls', url })), ...o.serverUrls.map((url) => ({ flag: '--server-urls', url }))]);
    }
    if (!o.seeds.length) {
      // The first host: a new one-member cluster (or this member again, on its old data).
      const hasData = existsSync(join(this.dataDir, 'member'));
      this.etcd = this.process(hasData ? 'existing' : 'new', o.advertiseServerUrls.map((u) => `${this.me}=${u}`).join(','));
      try {
        await this.etcd.start(hasData ? 15000 : 30000);
      } catch (e) {
        if (!hasData) throw e;
        // Old data whose cluster moved on without us (we were removed, or its other members are gone).
        throw new ClusterError(
          `${(e as Error).message}\nThis host's member data in ${this.dataDir} is from a cluster that went on without it: join that cluster with --seeds URL (a running member's client URL), or remove ${this.dataDir} to start a new cluster here`,
        );
      }
      this.log.info(`etcd member ${this.me} is serving clients at ${o.advertiseClientUrls.join(',')}${hasData ? ' (on its earlier data)' : ' (a new cluster)'}`);
      await this.setClient(o.advertiseClientUrls);
      await this.newLease();
      const members = await retry(() => this.client.cluster.memberList({}, within()));
      this.memberId = members.members.find((m) => m.name === this.me)?.ID;
      await retry(() =>
        this.client.if(KEYS.ideal, 'Create', '==', 0).then(this.client.put(KEYS.ideal).value(String(o.idealClusterSize))).options(within()).commit(),
      );
      await retry(() => this.client.put(KEYS.nominated + this.me).value(joinUrls(o.advertiseServerUrls)).options(within()).exec());
    } else {
      await this.setClient(o.seeds);
      try {
        await retry(() => this.client.get(KEYS.ideal).options(within()).string(), 5000);
      } catch (e) {
        throw new ClusterError(
          `no etcd answered at --seeds ${o.seeds.join(',')} (${(e as Error).message}): start the first host of the cluster with --cluster, then give its client URL as --seeds`,
        );
      }
      await this.newLease();
    }
    await this.putOwnKeys();
    await this.refreshEndpoints();
    const ideal = await this.client.get(KEYS.ideal).options(within()).string();
    this.log.info(`joined the cluster as ${this.me}${o.server ? ', volunteering to run a member' : ' (client only)'}; its ideal size is ${ideal ?? '?'}`);
    this.startWatching();
    this.kick();
  }

  /**
   * Run `fn` after every earlier one: the client, the lease and the keys on
   * it change together, or a key could be put on a lease being revoked.
   */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.keysLock.then(fn);
    this.keysLock = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** (Re)make the admin client on these hosts, and tell listeners. */
  private setClient(hosts: string[]): Promise<void> {
    return this.serial(() => this.setClientNow(hosts));
  }

  private async setClientNow(hosts: string[]): Promise<void> {
    const old = this.client;
    this.client = makeClient(hosts, this.opts.tls);
    this.hosts = [...hosts];
    if (old) {
      for (const w of this.watchers) void w.cancel().catch(() => undefined);
      this.watchers = [];
      const oldLease = this.lease;
      // Our keys move to a lease of the new client; the old one goes.
      await this.newLease();
      await this.putOwnKeysNow();
      void oldLease?.revoke(within(500)).catch(() => undefined).finally(() => old.close());
      if (this.watching) this.startWatching();
    }
    for (const cb of this.listeners) cb(this.endpoints);
  }

  private async newLease(): Promise<void> {
    // etcd3 grants a lease once, when it is made: a failed grant needs a new Lease.
    const lease = await retry(async () => {
      const l = this.client.lease(leaseTtl());
      l.on('lost', () => this.leaseLost(l));
      await withTimeout(l.grant(), 2000, 'granting a lease');
      return l;
    }, 8000);
    this.lease = lease;
  }

  private leaseLost(lease: Lease): void {
    if (this.closed || this.lease !== lease) return;
    this.log.warn('lost the cluster lease (etcd unreachable for too long); renewing it');
    void this.serial(async () => {
      if (this.closed || this.lease !== lease) return;
      await this.newLease();
      await this.putOwnKeysNow();
    }).catch((e: Error) => this.log.warn(`renewing the lease: ${e.message}`));
  }

  /** The keys that say this agent is alive: its volunteering, its member's endpoints, its leadership. */
  private putOwnKeys(): Promise<void> {
    return this.serial(() => this.putOwnKeysNow());
  }

  private async putOwnKeysNow(): Promise<void> {
    const id = await withTimeout(this.lease.grant(), 2000, 'granting a lease');
    const o = this.opts;
    if (o.server && Date.now() >= this.volunteerAgain) await retry(() => this.client.put(KEYS.volunteers + this.me).value(joinUrls(o.advertiseServerUrls)).lease(id).options(within()).exec());
    if (this.isMember()) await retry(() => this.client.put(KEYS.endpoints + this.me).value(joinUrls(o.advertiseClientUrls)).lease(id).options(within()).exec());
    if (this.leader) {
      await retry(() => this.client.if(KEYS.leader, 'Value', '==', this.me).then(this.client.put(KEYS.leader).value(this.me).lease(id)).options(within()).commit());
    }
  }

  private startWatching(): void {
    this.watching = !this.closed;
    if (!this.watching) return;
    for (const key of [KEYS.volunteers, KEYS.nominated, KEYS.endpoints]) {
      const w = this.client.watch().prefix(key).watcher();
      this.follow(w);
    }
    for (const key of [KEYS.ideal, KEYS.leader]) this.follow(this.client.watch().key(key).watcher());
  }

  private follow(w: Watcher): void {
    w.on('put', () => this.kick());
    w.on('delete', () => this.kick());
    // A break: a tick fails and is retried each second (and says so once it lasts);
    // back after one: etcd3 resumes from the last revision, but look again anyway.
    w.on('disconnected', () => this.kick());
    w.on('connected', () => this.kick());
    w.on('error', () => undefined);
    this.watchers.push(w);
  }

  /** Run a tick now, or right after the running one. */
  private kick(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = this.tick()
      .then(
        () => {
          if (this.unreachable) this.log.info('etcd is reachable again');
          this.unreachable = false;
          this.failingSince = 0;
          // Only the elected agent has waits of its own; the others wait for watch events.
          if (this.leader) this.wakeIn(Math.min(nextDeadline(this.since, Date.now()) ?? SAFETY_MS, SAFETY_MS));
        },
        (e: Error) => {
          if (this.closed) return;
          this.failingSince ||= Date.now();
          if (!this.unreachable && Date.now() - this.failingSince >= 3000) {
            this.log.warn(`etcd is unreachable: ${e.message} (keeping the running graph; retrying)`);
            this.unreachable = true;
          } else this.log.debug(`tick: ${e.message}`);
          this.wakeIn(RETRY_MS);
        },
      )
      .finally(() => {
        this.ticking = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** One timer at most: a kick (an event) in between replaces it. */
  private wakeIn(ms: number): void {
    if (this.closed || this.again) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.kick();
    }, ms);
  }

  private async tick(): Promise<void> {
    if (this.closed) return;
    await this.refreshEndpoints();
    // Our own role: nominated → run a member; not nominated → give it up.
    if (this.opts.server) {
      const nominated = await this.client.get(KEYS.nominated + this.me).options(within()).string();
      if (this.closed) return;
      if (nominated && !this.etcd && Date.now() >= this.volunteerAgain) {
        try {
          await this.join();
        } catch (e) {
          // Not for a while: withdraw, so that another volunteer is nominated.
          this.log.error(`could not start this host's etcd member: ${(e as Error).message}; withdrawing for 30 s`);
          this.volunteerAgain = Date.now() + 30000;
          setTimeout(() => void (!this.closed && this.putOwnKeys().catch(() => undefined)), 30000).unref();
          await this.client.delete().key(KEYS.volunteers + this.me).options(within()).exec().catch(() => undefined);
          await this.client.delete().key(KEYS.nominated + this.me).options(within()).exec().catch(() => undefined);
        }
      }
      else if (!nominated && this.etcd) await this.leave('un-nominated');
    }
    // Leadership: the first agent to create the key under its lease. A plain
    // read first: a transaction with a write in it is a raft proposal, even
    // when it only reads, and an idle cluster should propose nothing.
    let holder = await this.client.get(KEYS.leader).options(within()).string();
    if (holder === null) {
      const id = await this.lease.grant();
      const r = await this.client.if(KEYS.leader, 'Create', '==', 0).then(this.client.put(KEYS.leader).value(this.me).lease(id)).else(this.client.get(KEYS.leader)).options(within()).commit();
      holder = r.succeeded ? this.me : (r.responses[0]?.response_range?.kvs[0]?.value?.toString() ?? null);
    }
    const was = this.leader;
    this.leader = holder === this.me;
    if (this.leader && !was) this.log.info(`${this.me} now decides the cluster's membership`);
    if (this.leader && !this.closed) await this.reconcile();
  }

  /** The elected agent: read the cluster, decide, act. */
  private async reconcile(): Promise<void> {
    const c = this.client;
    const [list, volunteers, nominated, idealText] = await Promise.all([
      c.cluster.memberList({}, within()),
      readMap(c, KEYS.volunteers),
      readMap(c, KEYS.nominated),
      c.get(KEYS.ideal).options(within()).string(),
    ]);
    let raftLeader: string | undefined;
    try {
      raftLeader = (await c.maintenance.status(within(500))).leader;
    } catch {
      // unknown: any member may go
    }
    // No ideal size: an etcd that mgmt did not start (--seeds at a cluster of the
    // user's own). Its membership is the user's: decide nothing.
    if (idealText === null) return;
    const ideal = Number(idealText);
    if (!Number.isInteger(ideal) || ideal < 1) {
      if (this.badIdeal !== idealText) this.log.warn(`ignoring ${KEYS.ideal} = \`${idealText}\`: it must be a whole number of at least 1`);
      this.badIdeal = idealText;
      return;
    }
    this.badIdeal = undefined;
    const members: MemberInfo[] = list.members.map((m) => ({ id: m.ID, name: m.name, peerURLs: m.peerURLs, learner: m.isLearner }));
    const actions = decide({ me: this.me, members, volunteers, nominated, ideal, raftLeader, now: Date.now() }, this.since);
    for (const a of actions) {
      if (a.kind === 'nominate') {
        this.log.info(`nominating ${a.host} to run a member (the cluster has ${members.length}, its ideal size is ${ideal})`);
        await c.put(KEYS.nominated + a.host).value(joinUrls(a.urls)).options(within()).exec();
      } else if (a.kind === 'unnominate') {
        this.log.info(`un-nominating ${a.host}: ${a.why}`);
        await c.delete().key(KEYS.nominated + a.host).options(within()).exec();
      } else {
        this.log.info(`removing member ${a.host}: ${a.why}`);
        await c.cluster.memberRemove({ ID: a.id }, within(2000)).catch((e: Error) => {
          if (!/member not found/i.test(e.message)) throw e;
        });
        await c.delete().key(KEYS.endpoints + a.host).options(within()).exec();
      }
    }
  }

  /** Nominated: add our member to the cluster and start it. */
  private async join(): Promise<void> {
    const o = this.opts;
    const t0 = performance.now();
    const list = await retry(() => this.client.cluster.memberList({}, within()));
    const mine = list.members.find((m) => sameSet(m.peerURLs, o.advertiseServerUrls));
    const initial = (members: { ID: string; name: string; peerURLs: string[] }[], id: string) =>
      members.flatMap((m) => m.peerURLs.map((u) => `${m.ID === id ? this.me : m.name || `m${m.ID}`}=${u}`)).join(',');
    let id: string;
    if (mine && mine.name === this.me && existsSync(join(this.dataDir, 'member'))) {
      // Still a member from before (this agent restarted): start on our data.
      this.etcd = this.process('existing', initial(list.members, mine.ID));
      await this.etcd.start();
      id = mine.ID;
      if (mine.isLearner) await this.promote(id);
    } else {
      if (mine) await retry(() => this.client.cluster.memberRemove({ ID: mine.ID }, within()));
      this.etcd = this.process('existing', '');
      this.etcd.wipe();
      // As a learner first: it holds no share of the quorum until promoted,
      // so a member that fails to start can always be removed again (a
      // second voter of a 1-member cluster that never starts would leave the
      // cluster without quorum, and unable to remove it).
      const add = await retry(
        () => this.client.cluster.memberAdd({ peerURLs: o.advertiseServerUrls, isLearner: true }, within()),
        5000,
        (e) => /peer URL exists|already/i.test(e.message),
      );
      id = add.member.ID;
      this.etcd = this.process('existing', initial(add.members, id));
      try {
        await this.etcd.start();
        await this.promote(id);
      } catch (e) {
        const etcd = this.etcd;
        this.etcd = undefined;
        await etcd.stop('SIGKILL');
        etcd.wipe();
        await retry(() => this.client.cluster.memberRemove({ ID: id }, within())).catch(() => undefined);
        throw e;
      }
    }
    this.memberId = id;
    await this.putOwnKeys();
    this.log.info(`etcd member ${this.me} joined the cluster in ${(performance.now() - t0).toFixed(0)} ms, serving clients at ${o.advertiseClientUrls.join(',')}`);
    await this.refreshEndpoints();
  }

  /** Make our learner a voting member, once it has caught up (etcd refuses before). */
  private async promote(id: string): Promise<void> {
    await retry(() => this.client.cluster.memberPromote({ ID: id }, within()), 30000, (e) => /not a learner|member not found/i.test(e.message)).catch((e: Error) => {
      if (!/not a learner/i.test(e.message)) throw new Error(`could not promote the new member: ${e.message}`);
    });
  }

  /** Give up our member: remove it from the cluster, let etcd exit, wipe its data; stay on as a client. */
  private async leave(why: string): Promise<void> {
    const etcd = this.etcd!;
    const t0 = performance.now();
    // Talk to the other members from now on: ours is going away.
    const others = [...(await retry(() => readMap(this.client, KEYS.endpoints)))].filter(([h]) => h !== this.me).flatMap(([, u]) => u);
    if (others.length) await this.setClient(others);
    etcd.expectExit();
    if (this.memberId) {
      const id = this.memberId;
      await retry(() => this.client.cluster.memberRemove({ ID: id }, within(2000)), 8000, (e) => /member not found/i.test(e.message)).catch((e: Error) => {
        if (!/member not found/i.test(e.message)) throw e;
      });
    }
    if (!(await etcd.waitExit(2000))) await etcd.stop('SIGKILL');
    etcd.wipe();
    this.etcd = undefined;
    this.memberId = undefined;
    await retry(() => this.client.delete().key(KEYS.endpoints + this.me).options(within()).exec(), 3000).catch(() => undefined);
    this.log.info(`etcd member ${this.me} left the cluster (${why}) in ${(performance.now() - t0).toFixed(0)} ms; staying on as a client`);
  }

  /** Our etcd died for good (or was removed by the elected agent): we are a client now. */
  private lost(why: string, removed: boolean): void {
    if (this.closed) return;
    // Only a removed member's data is useless; any other may hold the cluster's state.
    if (removed) this.etcd?.wipe();
    this.etcd = undefined;
    this.memberId = undefined;
    this.log.warn(`no longer an etcd member (${removed ? 'removed from the cluster' : why})`);
    this.kick();
  }

  /** Follow the members' advertised client URLs (ours first); keep the old hosts while none are known. */
  private async refreshEndpoints(): Promise<void> {
    if (this.opts.stayOnSeeds) return;
    const eps = await readMap(this.client, KEYS.endpoints);
    const mine = eps.get(this.me) ?? [];
    const all = [...mine, ...[...eps].filter(([h]) => h !== this.me).flatMap(([, u]) => u)];
    if (all.length && !sameSet(all, this.hosts)) await this.setClient(all);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.watching = false;
    clearTimeout(this.timer);
    await this.ticking;
    for (const w of this.watchers) void w.cancel().catch(() => undefined);
    const t0 = performance.now();
    try {
      if (!this.client) throw new Error('not connected');
      const c = this.client;
      await retry(() => c.delete().key(KEYS.volunteers + this.me).options(within()).exec(), 3000);
      if (this.etcd) {
        const list = await retry(() => c.cluster.memberList({}, within()), 3000);
        if (list.members.length > 1) {
          await retry(() => c.delete().key(KEYS.nominated + this.me).options(within()).exec(), 3000);
          await this.leave('exiting');
        }
      }
    } catch (e) {
      this.log.warn(`leaving the cluster: ${(e as Error).message}`);
    }
    // The last member keeps its data: the cluster's state lives in it.
    if (this.etcd) await this.etcd.stop('SIGTERM', 2000);
    await this.lease?.revoke(within(500)).catch(() => undefined);
    this.client?.close();
    this.log.debug(`left the cluster in ${(performance.now() - t0).toFixed(0)} ms`);
  }
}

/** Join (or start) the cluster the options describe; rejects with a ClusterError that says what to do. */
export async function startCluster(opts: ClusterOptions, log: Logger): Promise<Cluster> {
  const agent = new ClusterAgent(opts, log);
  try {
    await agent.start();
  } catch (e) {
    await agent.close().catch(() => undefined);
    throw e instanceof ClusterError ? e : new ClusterError((e as Error).message);
  }
  return agent;
}
