// user and group against the real /etc/passwd and /etc/group (root only):
// made, changed and removed with the shadow-utils tools, and watched.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { UserResource } from '../../src/resources/user/resource.js';
import { GroupResource } from '../../src/resources/user/group.js';
import { addAutoEdges } from '../../src/engine/autoedge.js';
import { Engine } from '../../src/engine/engine.js';
import { graphOf, memLog, vtx } from '../engine/helpers.js';
import { makeRuntime, startWatch } from './runtime-helper.js';
import { spec } from './helpers.js';
import { unavailable } from '../helpers/components.js';

const skip = process.getuid?.() !== 0 ? 'needs root' : !existsSync('/usr/sbin/useradd') ? 'the passwd package (useradd) is not installed' : undefined;
const tag = `mgt${process.pid}`;
const G = `${tag}g`;
const G2 = `${tag}h`;
const U = `${tag}u`;

const passwdLine = (name: string) => readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
const groupLine = (name: string) => readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
const usedGids = () => new Set(readFileSync('/etc/group', 'utf8').split('\n').map((l) => Number(l.split(':')[2])));
const freeGid = (from: number) => {
  const used = usedGids();
  let g = from;
  while (used.has(g)) g++;
  return g;
};

afterAll(() => {
  if (skip) return;
  spawnSync('userdel', [U]);
  for (const g of [G, G2]) spawnSync('groupdel', [g]);
});

describe('group', () => {
  it('creates with a gid, changes the gid, removes', async (ctx) => {
    if (skip) return unavailable(ctx, skip);
    const t = makeRuntime();
    const gid = freeGid(61000 + (process.pid % 1000));
    const g = new GroupResource(spec('group', G, { state: 'exists', gid: BigInt(gid) }));
    expect(await g.checkApply(t.rt, false)).toBe(false);
    expect(groupLine(G)).toBeUndefined();
    expect(await g.checkApply(t.rt, true)).toBe(false);
    expect(groupLine(G)).toBe(`${G}:x:${gid}:`);
    expect(await g.checkApply(t.rt, true)).toBe(true);
    const gid2 = freeGid(gid + 1);
    const g2 = new GroupResource(spec('group', G, { state: 'exists', gid: BigInt(gid2) }));
    expect(await g2.checkApply(t.rt, true)).toBe(false);
    expect(groupLine(G)).toBe(`${G}:x:${gid2}:`);
    expect(t.logs).toContain(`gid changed from ${gid} to ${gid2}`);
    const gone = new GroupResource(spec('group', G, { state: 'absent' }));
    expect(await gone.checkApply(t.rt, true)).toBe(false);
    expect(groupLine(G)).toBeUndefined();
    expect(await gone.checkApply(t.rt, true)).toBe(true);
  });
});

describe('user', () => {
  it('the engine makes the groups first (autoedge), then the user; changes; removes', async (ctx) => {
    if (skip) return unavailable(ctx, skip);
    const u = vtx('user', U, { state: 'exists', group: G, groups: [G2], shell: '/bin/sh', homedir: `/tmp/${U}` });
    const g = graphOf([u, vtx('group', G, { state: 'exists' }), vtx('group', G2, { state: 'exists' })]);
    expect(addAutoEdges(g)).toBe(2);
    const lines: string[] = [];
    const engine = new Engine({ log: memLog(lines) });
    try {
      await engine.swap(g);
      expect(await engine.waitConverged(20_000)).toBe(true);
      expect(engine.failures(), lines.join('\n')).toEqual([]);
      const gid = Number(groupLine(G)!.split(':')[2]);
      expect(passwdLine(U)).toMatch(new RegExp(`^${U}:x:\\d+:${gid}::/tmp/${U}:/bin/sh$`));
      expect(groupLine(G2)).toMatch(new RegExp(`:${U}$`));

      // Changed behind its back: the Watch on /etc/passwd sees it, CheckApply puts it back.
      expect(spawnSync('usermod', ['-s', '/bin/bash', U]).status).toBe(0);
      // The engine logs the change after usermod has rewritten the file: wait for both.
      const repaired = () => passwdLine(U)?.endsWith(':/bin/sh') && lines.some((l) => l.includes(`user[${U}]: changed: `));
      const t0 = Date.now();
      while (!repaired() && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
      expect(passwdLine(U)).toMatch(/:\/bin\/sh$/);
      expect(lines.some((l) => l.includes(`user[${U}]: changed: `) && l.endsWith('shell /bin/sh')), lines.join('\n')).toBe(true);
    } finally {
      await engine.stop();
    }

    const t = makeRuntime();
    const gone = new UserResource(spec('user', U, { state: 'absent' }));
    expect(await gone.checkApply(t.rt, true)).toBe(false);
    expect(passwdLine(U)).toBeUndefined();
    expect(await gone.checkApply(t.rt, true)).toBe(true);
  });

  it('a group that does not exist is a clear error', async (ctx) => {
    if (skip) return unavailable(ctx, skip);
    const r = new UserResource(spec('user', U, { state: 'exists', group: `${tag}-nosuch` }));
    await expect(r.checkApply(makeRuntime().rt, true)).rejects.toThrow(`the group \`${tag}-nosuch\` does not exist`);
  });

  it('Watch reports a change to /etc/group', async (ctx) => {
    if (skip) return unavailable(ctx, skip);
    const W = `${tag}w`;
    const r = new GroupResource(spec('group', W, { state: 'absent' }));
    const t = makeRuntime();
    const w = await startWatch(t, r);
    const before = t.events;
    expect(spawnSync('groupadd', [W]).status).toBe(0);
    spawnSync('groupdel', [W]);
    await t.until(() => t.events > before, 2000, 'an event after groupadd');
    t.ctl.abort();
    await w.done;
  });
});
