// Resource.checkApplyGroup: a grouped vertex whose resource has it gets one
// call with every member (itself first), instead of one checkApply each.

import { describe, expect, it } from 'vitest';
import type { GroupMember, Resource } from '../../src/engine/resource.js';
import type { KindDef, ResourceSpec } from '../../src/resources/kind.js';
import { Engine } from '../../src/engine/engine.js';
import { graphOf, memLog, vtx } from './helpers.js';

const calls: { group: string[] | undefined; single: string | undefined; apply: boolean }[] = [];

function make(spec: ResourceSpec, grouped: boolean): Resource {
  const r: Resource = {
    spec,
    async init() {},
    async watch(rt) {
      rt.running();
      await new Promise<void>((ok) => rt.signal.addEventListener('abort', () => ok()));
    },
    async checkApply(rt, apply) {
      calls.push({ group: undefined, single: spec.name, apply });
      return spec.name !== 'b';
    },
    async cleanup() {},
  };
  if (grouped) {
    r.checkApplyGroup = async (members: GroupMember[], apply: boolean) => {
      calls.push({ group: members.map((m) => m.resource.spec.name), single: undefined, apply });
      for (const m of members) m.rt.log.info(`member ${m.resource.spec.name}`);
      // Only `b` needed a change.
      return members.map((m) => m.resource.spec.name !== 'b');
    };
  }
  return r;
}

const kindOf = (grouped: boolean): KindDef => ({ kind: 'g', doc: '', params: [], groupCmp: () => true, create: (s) => make(s, grouped) });

describe('checkApplyGroup', () => {
  it('one call with every member, each keeping its own runtime', async () => {
    calls.length = 0;
    const lines: string[] = [];
    const kind = kindOf(true);
    // autoGroup consults the registry's groupCmp, so group by hand as it would.
    const [a, b, c] = [vtx('g', 'c'), vtx('g', 'b'), vtx('g', 'a')];
    a.group = [b, c];
    const engine = new Engine({ log: memLog(lines), autogroup: false, kinds: (k) => (k === 'g' ? kind : undefined) });
    await engine.swap(graphOf([a]));
    expect(await engine.waitConverged(20_000)).toBe(true);
    await engine.stop();
    expect(calls).toEqual([{ group: ['c', 'b', 'a'], single: undefined, apply: true }]);
    expect(lines).toContain('info: g[b]: member b');
    expect(engine.worker('g[c]')?.applied).toBe(1);
  });

  it('without the hook, each member runs its own checkApply', async () => {
    calls.length = 0;
    const kind = kindOf(false);
    const [a, b] = [vtx('g', 'a'), vtx('g', 'b')];
    a.group = [b];
    const engine = new Engine({ log: memLog(), autogroup: false, kinds: (k) => (k === 'g' ? kind : undefined) });
    await engine.swap(graphOf([a]));
    expect(await engine.waitConverged(20_000)).toBe(true);
    await engine.stop();
    expect(calls.map((c) => c.single)).toEqual(['a', 'b']);
  });

  it('noop: members out of state are reported, the group is told not to apply', async () => {
    calls.length = 0;
    const lines: string[] = [];
    const kind = kindOf(true);
    const [a, b] = [vtx('g', 'a'), vtx('g', 'b')];
    a.group = [b];
    const engine = new Engine({ log: memLog(lines), autogroup: false, noop: true, kinds: (k) => (k === 'g' ? kind : undefined) });
    await engine.swap(graphOf([a]));
    expect(await engine.waitConverged(20_000)).toBe(true);
    await engine.stop();
    expect(calls).toEqual([{ group: ['a', 'b'], single: undefined, apply: false }]);
    expect(lines).toContain('info: g[b]: not in the desired state (noop: nothing changed)');
    expect(lines).not.toContain('info: g[a]: not in the desired state (noop: nothing changed)');
  });
});
