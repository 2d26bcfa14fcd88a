// What the elected agent does about membership, as a pure function of what
// it read from etcd: nominate a volunteer while the cluster is below its
// ideal size, un-nominate members while it is above, and clean up after hosts
// that went away. One membership change at a time: each add or remove
// changes the quorum, and the next decision is made on the member list that
// results from it.

export interface MemberInfo {
  id: string;
  /** Empty while an added member has not started yet. */
  name: string;
  peerURLs: string[];
  /** Added as a learner and not promoted yet: still joining. */
  learner?: boolean;
}

export interface ClusterView {
  me: string;
  members: MemberInfo[];
  /** host → peer URLs, of agents alive (their keys are under a lease) that offer to be members. */
  volunteers: Map<string, string[]>;
  /** host → peer URLs, of hosts told to be members. */
  nominated: Map<string, string[]>;
  ideal: number;
  /** The etcd raft leader's member id, if known: removing it costs an election, so others go first. */
  raftLeader?: string;
  now: number;
}

export type Action =
  | { kind: 'nominate'; host: string; urls: string[] }
  | { kind: 'unnominate'; host: string; why: string }
  | { kind: 'remove'; id: string; host: string; why: string };

/** How long a nominated host may take to start its member, and a leaving one to remove itself. */
export const PENDING_MS = 30000;
export const LEAVING_MS = 10000;
/** How long a member's host must stay gone before its member is removed (beyond its lease's TTL). */
export const GONE_MS = 1500;

/** How long each kind of condition decide() tracks in `since` may last before it acts. */
const WAITS: Record<string, number> = { gone: GONE_MS, orphan: LEAVING_MS, pending: PENDING_MS, leaving: LEAVING_MS };

/**
 * When decide() next acts without any change in etcd (a host gone long enough,
 * a joiner or leaver that took too long): ms from `now`, or undefined when no
 * such wait is running. The elected agent sets a timer for it instead of polling.
 */
export function nextDeadline(since: ReadonlyMap<string, number>, now: number): number | undefined {
  let next: number | undefined;
  for (const [key, t] of since) {
    const wait = WAITS[key.slice(0, key.indexOf(':'))];
    if (wait === undefined) continue;
    const due = Math.max(0, t + wait + 1 - now);
    next = next === undefined ? due : Math.min(next, due);
  }
  return next;
}

const sameUrls = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/** The host a member belongs to: its name, or for a member not started yet, the nominated host with its peer URLs. */
export function hostOf(m: MemberInfo, nominated: Map<string, string[]>): string | undefined {
  if (m.name) return m.name;
  for (const [h, urls] of nominated) if (sameUrls(urls, m.peerURLs)) return h;
  return undefined;
}

/**
 * The actions to take now. `since` remembers when a condition was first seen
 * (keys like `pending:h1`), so that timeouts span calls; decide() updates it.
 */
export function decide(v: ClusterView, since: Map<string, number>): Action[] {
  const seen = new Set<string>();
  const first = (key: string) => {
    seen.add(key);
    if (!since.has(key)) since.set(key, v.now);
    return v.now - since.get(key)!;
  };
  const out: Action[] = [];
  const byHost = new Map<string, MemberInfo>();
  const orphans: MemberInfo[] = [];
  for (const m of v.members) {
    const h = hostOf(m, v.nominated);
    if (h) byHost.set(h, m);
    else orphans.push(m);
  }
  const done = () => {
    for (const k of [...since.keys()]) if (!seen.has(k)) since.delete(k);
    return out;
  };

  // Nominations of hosts that went away before they became members.
  for (const h of v.nominated.keys()) {
    if (!v.volunteers.has(h) && !byHost.has(h) && h !== v.me) out.push({ kind: 'unnominate', host: h, why: `${h} is gone` });
  }
  // Members whose agent is gone (its lease expired): the member cannot be
  // serving (its etcd dies with the agent), and holds a share of the quorum.
  for (const [h, m] of byHost) {
    if (h !== v.me && !v.volunteers.has(h) && v.members.length > 1 && first(`gone:${h}`) >= GONE_MS) {
      out.push({ kind: 'remove', id: m.id, host: h, why: `${h} is gone` });
      if (v.nominated.has(h)) out.push({ kind: 'unnominate', host: h, why: `${h} is gone` });
      return done();
    }
  }
  // Added but never started, and nobody's nomination: a joiner that died half way.
  for (const m of orphans) {
    if (first(`orphan:${m.id}`) > LEAVING_MS && v.members.length > 1) {
      out.push({ kind: 'remove', id: m.id, host: m.peerURLs.join(','), why: 'it was added but never started' });
      return done();
    }
  }
  // A nominated host still starting its member (or its learner not promoted yet): wait for it, up to a point.
  const pending = [...v.nominated.keys()].filter((h) => v.volunteers.has(h) && (!byHost.get(h)?.name || byHost.get(h)?.learner));
  for (const h of pending) {
    if (first(`pending:${h}`) > PENDING_MS) {
      out.push({ kind: 'unnominate', host: h, why: `${h} did not start its member in ${PENDING_MS / 1000} s` });
      const m = byHost.get(h);
      if (m) out.push({ kind: 'remove', id: m.id, host: h, why: `${h} did not start its member` });
    }
  }
  if (pending.length) return done();
  // Un-nominated members remove themselves; one that does not is removed.
  const leaving = [...byHost.keys()].filter((h) => !v.nominated.has(h));
  for (const h of leaving) {
    if (first(`leaving:${h}`) > LEAVING_MS && v.members.length > 1) out.push({ kind: 'remove', id: byHost.get(h)!.id, host: h, why: `${h} did not leave by itself` });
  }
  if (leaving.length) return done();

  const size = v.members.length;
  if (size < v.ideal) {
    const candidates = [...v.volunteers.keys()].filter((h) => !byHost.has(h) && !v.nominated.has(h)).sort();
    if (candidates.length) out.push({ kind: 'nominate', host: candidates[0], urls: v.volunteers.get(candidates[0])! });
  } else if (size > v.ideal && size > 1) {
    // Keep the elected agent's own member and etcd's leader as long as others can go.
    const rank = (h: string) => (h === v.me ? 2 : byHost.get(h)!.id === v.raftLeader ? 1 : 0);
    const victims = [...byHost.keys()].filter((h) => v.nominated.has(h)).sort((a, b) => rank(a) - rank(b) || (a < b ? 1 : a > b ? -1 : 0));
    if (victims.length) out.push({ kind: 'unnominate', host: victims[0], why: `the cluster has ${size} members and its ideal size is ${v.ideal}` });
  }
  return done();
}
