// pkg: the decision logic on its own, then against the real PackageKit (apt
// backend) on the real system bus, installing and removing small Debian
// packages from the archive. The live part skips, saying why, when
// packagekitd cannot run here.

import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { plan, PkgResource } from '../../src/resources/pkg/resource.js';
import { PackageKit, TXFLAG } from '../../src/resources/pkg/packagekit.js';
import type { PkgInfo } from '../../src/resources/pkg/packagekit.js';
import { compareDebVersions } from '../../src/resources/pkg/version.js';
import { Engine } from '../../src/engine/engine.js';
import { graphOf, memLog, vtx } from '../engine/helpers.js';
import { makeRuntime } from './runtime-helper.js';
import { spec } from './helpers.js';
import { ensurePackageKit, type Started } from '../system/setup.js';
import { addPkgAutoEdges } from '../../src/resources/pkg/autoedge.js';
import { addAsyncAutoEdges } from '../../src/engine/autoedge.js';
import { unavailable } from '../helpers/components.js';

const edgesOf = (g: ReturnType<typeof graphOf>) => g.edges.map((e) => `${e.from.kind}[${e.from.name}] -> ${e.to.kind}[${e.to.name}]`).sort();

const info = (name: string, version: string, installed: boolean): PkgInfo => ({
  id: `${name};${version};amd64;${installed ? 'manual:local' : 'debian-main'}`,
  name,
  version,
  arch: 'amd64',
  installed,
});

describe('Debian version order', () => {
  it('orders epochs, digits, letters and tildes like dpkg', () => {
    expect(compareDebVersions('5.2.15-2+b8', '5.2.15-2+b13')).toBeLessThan(0);
    expect(compareDebVersions('1:1.0', '2.0')).toBeGreaterThan(0);
    expect(compareDebVersions('1.0~rc1', '1.0')).toBeLessThan(0);
    expect(compareDebVersions('1.0a', '1.0+')).toBeLessThan(0);
    expect(compareDebVersions('1.010', '1.10')).toBe(0);
    expect(compareDebVersions('3.03+dfsg2-8', '3.03+dfsg2-8')).toBe(0);
  });
});

describe('pkg plan', () => {
  const bashOld = info('bash', '5.2.15-2+b8', true);
  const bashNew = info('bash', '5.2.15-2+b13', false);

  it('installed: an installed package is never upgraded by accident', () => {
    expect(plan(spec('pkg', 'bash'), [bashNew, bashOld]).ok).toBe(true);
  });
  it('installed: a missing package gets its newest available version, trusted only', () => {
    const p = plan(spec('pkg', 'sl'), [info('sl', '5.01-1', false), info('sl', '5.02-1', false)]);
    expect(p).toMatchObject({ ok: false, action: 'install', ids: ['sl;5.02-1;amd64;debian-main'], flags: TXFLAG.onlyTrusted });
    expect(plan(spec('pkg', 'sl', { allowuntrusted: true }), [info('sl', '5.02-1', false)]).flags).toBe(TXFLAG.none);
  });
  it('newest: upgrades an older installed version', () => {
    expect(plan(spec('pkg', 'bash', { state: 'newest' }), [bashOld, bashNew])).toMatchObject({ ok: false, action: 'update', ids: [bashNew.id] });
    expect(plan(spec('pkg', 'bash', { state: 'newest' }), [bashNew, { ...bashNew, installed: true, id: 'x' }]).ok).toBe(true);
  });
  it('uninstalled removes what is installed; an unknown name is already uninstalled', () => {
    expect(plan(spec('pkg', 'bash', { state: 'uninstalled' }), [bashOld, bashNew])).toMatchObject({ action: 'remove', ids: [bashOld.id] });
    expect(plan(spec('pkg', 'nosuch', { state: 'uninstalled' }), []).ok).toBe(true);
  });
  it('a version: exact, and a downgrade only with allowdowngrade', () => {
    const older = info('bash', '5.2.15-2+b2', false);
    expect(() => plan(spec('pkg', 'bash', { state: '5.2.15-2+b2' }), [bashOld, older])).toThrow('would downgrade it from 5.2.15-2+b8: set allowdowngrade');
    const p = plan(spec('pkg', 'bash', { state: '5.2.15-2+b2', allowdowngrade: true }), [bashOld, older]);
    expect(p).toMatchObject({ action: 'install', ids: [older.id] });
    expect(p.flags & TXFLAG.allowDowngrade).toBe(TXFLAG.allowDowngrade);
    expect(() => plan(spec('pkg', 'bash', { state: '9.9' }), [bashOld])).toThrow('version 9.9 of package `bash` is not available (known versions: 5.2.15-2+b8)');
  });
  it('a package nobody knows cannot be installed', () => {
    expect(() => plan(spec('pkg', 'nosuch'), [])).toThrow('package `nosuch` was not found');
  });
});

describe('pkg autoedges (file lists given)', () => {
  const lister = async (names: string[]) =>
    new Map(names.map((n) => [n, new Set(n === 'drbd-utils' ? ['/etc/drbd.conf', '/etc/drbd.d', '/lib/systemd/system/drbd.service', '/usr/sbin/drbdadm'] : [])]));

  it('file and svc resources come after the pkg that ships their path', async () => {
    const g = graphOf([
      vtx('pkg', 'drbd-utils'),
      vtx('pkg', 'sl'),
      vtx('file', '/etc/drbd.conf', { content: 'x' }),
      vtx('file', '/etc/drbd.d/', { state: 'exists' }),
      vtx('file', '/etc/other'),
      vtx('svc', 'drbd', { state: 'stopped' }),
      vtx('exec', 'adm', { cmd: '/usr/sbin/drbdadm up all' }),
      vtx('exec', 'other', { cmd: '/bin/true' }),
    ]);
    expect(await addPkgAutoEdges(g, undefined, lister)).toBe(4);
    expect(edgesOf(g)).toEqual([
      'pkg[drbd-utils] -> exec[adm]',
      'pkg[drbd-utils] -> file[/etc/drbd.conf]',
      'pkg[drbd-utils] -> file[/etc/drbd.d/]',
      'pkg[drbd-utils] -> svc[drbd]',
    ]);
  });

  it('skips resources with Meta:autoedge false and edges that would make a cycle', async () => {
    const p = vtx('pkg', 'drbd-utils');
    const f = vtx('file', '/etc/drbd.conf', { content: 'x' });
    const off = vtx('svc', 'drbd', {}, { autoedge: false });
    const g = graphOf([p, f, off], [[f, p]]);
    const lines: string[] = [];
    expect(await addPkgAutoEdges(g, memLog(lines), lister)).toBe(0);
    expect(lines).toContain('warn: pkg autoedge pkg[drbd-utils] -> file[/etc/drbd.conf] skipped: it would make a cycle');
  });

  it('a package manager that cannot be asked adds no edges and warns', async () => {
    const g = graphOf([vtx('pkg', 'x'), vtx('file', '/etc/x')]);
    const lines: string[] = [];
    expect(await addPkgAutoEdges(g, memLog(lines), async () => Promise.reject(new Error('no bus')))).toBe(0);
    expect(lines).toEqual(['warn: pkg autoedges skipped: no bus']);
  });
});

describe('pkg without a bus', () => {
  it('a system bus that is down fails fast with a clear error', async () => {
    const saved = process.env.DBUS_SYSTEM_BUS_ADDRESS;
    process.env.DBUS_SYSTEM_BUS_ADDRESS = 'unix:path=/nonexistent/mgmt-system-bus';
    try {
      // Not installed, so dpkg's database cannot settle it: PackageKit must be asked.
      const res = new PkgResource(spec('pkg', 'mgmt-no-such-package'));
      const t = makeRuntime();
      await expect(res.checkApply(t.rt, true)).rejects.toThrow(/cannot connect to the system bus at unix:path=\/nonexistent/);
      // That check needed PackageKit, so Watch wants the bus as well.
      await expect(res.watch(t.rt)).rejects.toThrow(/cannot connect to the system bus/);
      await res.cleanup();
    } finally {
      if (saved === undefined) delete process.env.DBUS_SYSTEM_BUS_ADDRESS;
      else process.env.DBUS_SYSTEM_BUS_ADDRESS = saved;
    }
  });
});

// ---- live: the real PackageKit ------------------------------------------------------

let pk: Started | undefined;
const PKGS = ['sl', 'cowsay', 'fortune-mod'];
const isInstalled = (name: string) => /install ok installed/.test(spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout ?? '');
const aptRemove = (...names: string[]) => spawnSync('apt-get', ['remove', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=120', ...names], { stdio: 'ignore' });

beforeAll(async () => {
  pk = await ensurePackageKit();
  if (!pk.skip) aptRemove(...PKGS);
}, 60_000);

afterAll(async () => {
  if (pk && !pk.skip) aptRemove(...PKGS);
  await pk?.stop();
}, 120_000);

describe('pkg on the real PackageKit', () => {
  it('installs, is then in state, and removes (noop changes nothing)', async (ctx) => {
    if (pk?.skip) return unavailable(ctx, pk.skip);
    const t = makeRuntime();
    const inst = new PkgResource(spec('pkg', 'sl'));
    expect(await inst.checkApply(t.rt, false)).toBe(false);
    expect(isInstalled('sl')).toBe(false);
    expect(await inst.checkApply(t.rt, true)).toBe(false);
    expect(isInstalled('sl')).toBe(true);
    expect(t.logs.some((l) => /^installed sl \S+/.test(l))).toBe(true);
    expect(await inst.checkApply(t.rt, true)).toBe(true);
    const rm = new PkgResource(spec('pkg', 'sl', { state: 'uninstalled' }));
    expect(await rm.checkApply(t.rt, true)).toBe(false);
    expect(isInstalled('sl')).toBe(false);
    expect(await rm.checkApply(t.rt, true)).toBe(true);
    await inst.cleanup();
    await rm.cleanup();
  }, 120_000);

  it('autoedges from the real file list: pkg[dbus] ships /etc/default/dbus and its unit', async (ctx) => {
    if (pk?.skip) return unavailable(ctx, pk.skip);
    if (!isInstalled('dbus')) return unavailable(ctx, 'the dbus package is not installed');
    const g = graphOf([vtx('pkg', 'dbus'), vtx('file', '/etc/default/dbus'), vtx('svc', 'dbus'), vtx('file', '/tmp/not-from-a-package')]);
    const lines: string[] = [];
    expect(await addAsyncAutoEdges(g, memLog(lines)), lines.join('\n')).toBe(2);
    expect(edgesOf(g)).toEqual(['pkg[dbus] -> file[/etc/default/dbus]', 'pkg[dbus] -> svc[dbus]']);
  }, 60_000);

  it('a package that does not exist is a clear error', async (ctx) => {
    if (pk?.skip) return unavailable(ctx, pk.skip);
    const res = new PkgResource(spec('pkg', 'mgmt-no-such-package'));
    await expect(res.checkApply(makeRuntime().rt, true)).rejects.toThrow('package `mgmt-no-such-package` was not found by the package manager');
    await res.cleanup();
  }, 60_000);

  it('three packages group into one vertex and install in one transaction', async (ctx) => {
    if (pk?.skip) return unavailable(ctx, pk.skip);
    const install = vi.spyOn(PackageKit.prototype, 'install');
    const lines: string[] = [];
    const engine = new Engine({ log: memLog(lines) });
    try {
      await engine.swap(graphOf(PKGS.map((n) => vtx('pkg', n))));
      expect(engine.graph.vertices).toHaveLength(1);
      expect(await engine.waitConverged(180_000)).toBe(true);
      expect(engine.failures()).toEqual([]);
      for (const n of PKGS) expect(isInstalled(n)).toBe(true);
      expect(install).toHaveBeenCalledTimes(1);
      expect(install.mock.calls[0][0].map((id) => id.split(';')[0]).sort()).toEqual([...PKGS].sort());
      // Each member keeps its identity in the log.
      for (const n of PKGS) expect(lines.some((l) => l.startsWith(`info: pkg[${n}]: installed ${n} `))).toBe(true);

      // Removed behind our back with plain dpkg (no PackageKit signal): put back.
      install.mockClear();
      expect(spawnSync('dpkg', ['-r', 'sl'], { stdio: 'ignore' }).status).toBe(0);
      const t0 = Date.now();
      while (!isInstalled('sl') && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 100));
      expect(isInstalled('sl'), lines.join('\n')).toBe(true);
      expect(install).toHaveBeenCalledTimes(1);
    } finally {
      install.mockRestore();
      await engine.stop();
    }
  }, 240_000);
});
