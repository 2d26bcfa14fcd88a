// The elected agent's membership decisions, on cluster views as etcd shows them.

import { describe, expect, it } from 'vitest';
import { GONE_MS, LEAVING_MS, PENDING_MS, decide, nextDeadline } from '../../src/cluster/decide.js';
import type { ClusterView, MemberInfo } from '../../src/cluster/decide.js';

const url = (h: string) => [`http://${h}:2380`];
const member = (h: string, started = true): MemberInfo => ({ id: `id-${h}`, name: started ? h : '', peerURLs: url(h) });
const map = (hs: string[]) => new Map(hs.map((h) => [h, url(h)]));

function view(p: { members: string[]; volunteers: string[]; nominated?: string[]; ideal: number; unstarted?: string[]; raftLeader?: string; now?: number }): ClusterView {
  return {
    me: 'h1',
    members: [...p.members.map((h) => member(h)), ...(p.unstarted ?? []).map((h) => member(h, false))],
    volunteers: map(p.volunteers),
    nominated: map(p.nominated ?? [...p.members, ...(p.unstarted ?? [])]),
    ideal: p.ideal,
    raftLeader: p.raftLeader,
    now: p.now ?? 0,
  };
}

describe('decide', () => {
  it('nominates one volunteer at a time until the ideal size', () => {
    expect(decide(view({ members: ['h1'], volunteers: ['h1', 'h3', 'h2'], ideal: 3 }), new Map())).toEqual([{ kind: 'nominate', host: 'h2', urls: url('h2') }]);
    expect(decide(view({ members: ['h1', 'h2', 'h3'], volunteers: ['h1', 'h2', 'h3', 'h4'], ideal: 3 }), new Map())).toEqual([]);
  });

  it('waits while a nominated host starts its member, and un-nominates it when it takes too long', () => {
    const since = new Map<string, number>();
    const v = view({ members: ['h1'], volunteers: ['h1', 'h2', 'h3'], nominated: ['h1', 'h2'], ideal: 3 });
    expect(decide(v, since)).toEqual([]);
    expect(decide({ ...v, now: PENDING_MS + 1 }, since)).toEqual([{ kind: 'unnominate', host: 'h2', why: expect.stringMatching(/did not start/) }]);
  });

  it('un-nominates members above the ideal size, keeping itself and the raft leader to the last', () => {
    const v = view({ members: ['h1', 'h2', 'h3', 'h4'], volunteers: ['h1', 'h2', 'h3', 'h4'], ideal: 1, raftLeader: 'id-h4' });
    expect(decide(v, new Map())).toEqual([{ kind: 'unnominate', host: 'h3', why: 'the cluster has 4 members and its ideal size is 1' }]);
    expect(decide(view({ members: ['h1', 'h4'], volunteers: ['h1', 'h4'], ideal: 1, raftLeader: 'id-h4' }), new Map())[0]).toMatchObject({ kind: 'unnominate', host: 'h4' });
  });

  it('waits for an un-nominated member to leave, and removes it when it does not', () => {
    const since = new Map<string, number>();
    const v = view({ members: ['h1', 'h2'], volunteers: ['h1', 'h2'], nominated: ['h1'], ideal: 1 });
    expect(decide(v, since)).toEqual([]);
    expect(decide({ ...v, now: LEAVING_MS + 1 }, since)).toEqual([{ kind: 'remove', id: 'id-h2', host: 'h2', why: 'h2 did not leave by itself' }]);
  });

  it('removes the member of a host that stays gone, then replaces it', () => {
    const since = new Map<string, number>();
    const v = view({ members: ['h1', 'h2', 'h3'], volunteers: ['h1', 'h3', 'h4'], ideal: 3 });
    expect(decide(v, since)).toEqual([]);
    expect(decide({ ...v, now: GONE_MS }, since)).toEqual([
      { kind: 'remove', id: 'id-h2', host: 'h2', why: 'h2 is gone' },
      { kind: 'unnominate', host: 'h2', why: 'h2 is gone' },
    ]);
    expect(decide(view({ members: ['h1', 'h3'], volunteers: ['h1', 'h3', 'h4'], ideal: 3 }), new Map())).toEqual([{ kind: 'nominate', host: 'h4', urls: url('h4') }]);
  });

  it('drops the nomination of a host that went away before joining', () => {
    expect(decide(view({ members: ['h1'], volunteers: ['h1'], nominated: ['h1', 'h5'], ideal: 3 }), new Map())).toEqual([{ kind: 'unnominate', host: 'h5', why: 'h5 is gone' }]);
  });

  it('never removes the last member', () => {
    expect(decide(view({ members: ['h2'], volunteers: ['h1'], nominated: ['h2'], ideal: 1 }), new Map())).toEqual([]);
  });

  it('says when its next wait ends, so the elected agent sets a timer instead of polling', () => {
    const since = new Map<string, number>();
    // h3's agent is gone: nothing yet, but a wake-up GONE_MS later removes its member.
    const v = view({ members: ['h1', 'h2', 'h3'], volunteers: ['h1', 'h2'], ideal: 3, now: 1000 });
    expect(decide(v, since)).toEqual([]);
    const wait = nextDeadline(since, 1000)!;
    expect(wait).toBeGreaterThan(GONE_MS - 1);
    expect(wait).toBeLessThan(GONE_MS + 10);
    expect(decide({ ...v, now: 1000 + wait }, since).map((a) => a.kind)).toEqual(['remove', 'unnominate']);
    // Nothing pending: no timer needed.
    expect(nextDeadline(new Map(), 0)).toBeUndefined();
    expect(decide(view({ members: ['h1'], volunteers: ['h1'], ideal: 1 }), since)).toEqual([]);
    expect(nextDeadline(since, 5000)).toBeUndefined();
  });
});
