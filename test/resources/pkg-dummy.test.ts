// pkg's PackageKit client against PackageKit's own dummy backend on a private
// bus: fast, offline and deterministic, and nothing on the machine changes.
// The real apt backend is exercised in pkg-run.test.ts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PkgResource } from '../../src/resources/pkg/resource.js';
import { PackageKit } from '../../src/resources/pkg/packagekit.js';
import { addPkgAutoEdges } from '../../src/resources/pkg/autoedge.js';
import { dpkgDb } from '../../src/resources/pkg/dpkg.js';
import { graphOf, vtx } from '../engine/helpers.js';
import { makeRuntime, startWatch } from './runtime-helper.js';
import { spec } from './helpers.js';
import { startDummyPackageKit, type PrivateBus } from '../system/setup.js';
import { unavailable } from '../helpers/components.js';

let pbus: PrivateBus;

beforeAll(async () => {
  pbus = await startDummyPackageKit();
  // This file runs in its own process: point the system bus at the private one.
  if (!pbus.skip) process.env.DBUS_SYSTEM_BUS_ADDRESS = pbus.address;
  // The dummy backend's packages are not dpkg's: PackageKit alone decides here.
  dpkgDb.dir = '';
}, 30_000);

afterAll(async () => {
  await pbus?.stop();
});

describe('pkg on the dummy PackageKit', () => {
  it('Resolve lists installed and available packages', async (ctx) => {
    if (pbus.skip) return unavailable(ctx, pbus.skip);
    const pk = await PackageKit.connect();
    try {
      const r = await pk.resolve(['powertop', 'vips-doc', 'mgmt-unknown']);
      expect(r.get('powertop')).toEqual([{ id: 'powertop;1.8-1.fc8;i386;fedora', name: 'powertop', version: '1.8-1.fc8', arch: 'i386', installed: true }]);
      expect(r.get('vips-doc')?.map((p) => [p.version, p.installed])).toEqual([['7.12.4-2.fc8', false]]);
      expect(r.get('mgmt-unknown')).toEqual([]);
    } finally {
      pk.close();
    }
  });

  it('an installed package is in state; an untrusted one installs only with allowuntrusted', async (ctx) => {
    if (pbus.skip) return unavailable(ctx, pbus.skip);
    const t = makeRuntime();
    const have = new PkgResource(spec('pkg', 'powertop'));
    expect(await have.checkApply(t.rt, true)).toBe(true);
    // The dummy backend's vips-doc is unsigned: an only-trusted transaction refuses it.
    const trusted = new PkgResource(spec('pkg', 'vips-doc'));
    expect(await trusted.checkApply(t.rt, false)).toBe(false);
    await expect(trusted.checkApply(t.rt, true)).rejects.toThrow(/^PackageKit InstallPackages need-untrusted: Can't install as untrusted/);
    const any = new PkgResource(spec('pkg', 'vips-doc', { allowuntrusted: true }));
    expect(await any.checkApply(t.rt, true)).toBe(false);
    expect(t.logs).toEqual(['installed vips-doc 7.12.4-2.fc8']);
    for (const r of [have, trusted, any]) await r.cleanup();
  });

  it('a failed transaction is an error with PackageKit\'s own text', async (ctx) => {
    if (pbus.skip) return unavailable(ctx, pbus.skip);
    const res = new PkgResource(spec('pkg', 'powertop', { state: 'uninstalled' }));
    await expect(res.checkApply(makeRuntime().rt, true)).rejects.toThrow(/^PackageKit RemovePackages failed: No network connection available \(PackageKit error \d+\)$/);
    await res.cleanup();
  });

  it('Watch is up on the bus, and ends when the resource stops', async (ctx) => {
    if (pbus.skip) return unavailable(ctx, pbus.skip);
    const res = new PkgResource(spec('pkg', 'powertop'));
    const t = makeRuntime();
    const w = await startWatch(t, res);
    t.ctl.abort();
    await w.done;
    await res.cleanup();
  });

  it('autoedges from GetFiles', async (ctx) => {
    if (pbus.skip) return unavailable(ctx, pbus.skip);
    // The dummy backend says powertop ships /usr/share/man/man1/boo and /usr/bin/xchat-gnome.
    const g = graphOf([vtx('pkg', 'powertop'), vtx('file', '/usr/bin/xchat-gnome'), vtx('file', '/usr/bin/other')]);
    expect(await addPkgAutoEdges(g)).toBe(1);
    expect(g.edges.map((e) => `${e.from.name} -> ${e.to.name}`)).toEqual(['powertop -> /usr/bin/xchat-gnome']);
  });
});
