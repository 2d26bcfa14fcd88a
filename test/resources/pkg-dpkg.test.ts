// pkg's fast path: dpkg's status file answers "in state" without PackageKit.
// First the parser and the decision on real status-file stanzas (from a
// Debian 12 machine; the i386 one as a multi-arch machine writes it), then
// checks against this machine's own dpkg database with no bus at all.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dpkgDb, dpkgInState, parseDpkgStatus, readDpkgStatus } from '../../src/resources/pkg/dpkg.js';
import { PkgResource } from '../../src/resources/pkg/resource.js';
import { PackageKit } from '../../src/resources/pkg/packagekit.js';
import { Engine } from '../../src/engine/engine.js';
import { addPkgAutoEdges, dpkgFiles } from '../../src/resources/pkg/autoedge.js';
import { graphOf, memLog, vtx } from '../engine/helpers.js';
import { makeRuntime } from './runtime-helper.js';
import { spec } from './helpers.js';
import { unavailable } from '../helpers/components.js';

const STATUS = `Package: dpkg
Essential: yes
Status: install ok installed
Priority: required
Section: admin
Installed-Size: 6409
Maintainer: Dpkg Developers <debian-dpkg@lists.debian.org>
Architecture: amd64
Multi-Arch: foreign
Version: 1.21.22
Description: Debian package management system
 This package provides the low-level infrastructure for handling the
 installation and removal of Debian software packages.
 .
 For Debian package development tools, install dpkg-dev.

Package: figlet
Status: deinstall ok config-files
Priority: optional
Section: text
Installed-Size: 739
Maintainer: Carlos Laviola <claviola@debian.org>
Architecture: amd64
Source: figlet (2.2.5-3)
Version: 2.2.5-3+b1
Config-Version: 2.2.5-3+b1
Depends: libc6 (>= 2.14)
Conffiles:
 /etc/emacs/site-start.d/50figlet.el 11fa1bea05a4f4c2595fe3427c7608b8
Description: Make large character ASCII banners out of ordinary text

Package: libc6
Status: install ok installed
Priority: optional
Section: libs
Installed-Size: 13001
Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
Architecture: amd64
Multi-Arch: same
Source: glibc
Version: 2.36-9+deb12u14
Replaces: libc6-amd64
Depends: libgcc-s1
Description: GNU C Library: Shared libraries
 Contains the standard libraries that are used by nearly all programs on
 the system.

Package: libc6
Status: install ok installed
Priority: optional
Section: libs
Installed-Size: 12345
Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
Architecture: i386
Multi-Arch: same
Source: glibc
Version: 2.36-9+deb12u13
Description: GNU C Library: Shared libraries
 Status: install ok installed (a continuation line, not a field)

Package: zlib1g
Status: install ok installed
Priority: optional
Section: libs
Installed-Size: 100
Maintainer: Mark Brown <broonie@debian.org>
Architecture: i386
Multi-Arch: same
Version: 1:1.2.13.dfsg-1
Description: compression library - runtime

Package: fortune-mod
Status: install reinstreq half-installed
Priority: optional
Section: games
Architecture: amd64
Version: 1:1.99.1-7.3
Description: provides fortune cookies on demand

Package: cowsay
Status: hold ok installed
Priority: optional
Section: games
Architecture: all
Multi-Arch: foreign
Version: 3.03+dfsg2-8
Description: configurable talking cow

Package: sl
Status: install ok unpacked
Priority: optional
Section: games
Architecture: amd64
Version: 5.02-1+b1
Description: Correct you if you type \`sl' by mistake
`;

const db = parseDpkgStatus(STATUS);
const inState = (name: string, params: Record<string, string> = {}) => dpkgInState(spec('pkg', name, params), db);

describe('dpkg status file', () => {
  it('reads name, architecture, version and status of each stanza, and the native architecture from dpkg', () => {
    expect(db.native).toBe('amd64');
    expect(db.byName.get('figlet')).toEqual([{ name: 'figlet', arch: 'amd64', version: '2.2.5-3+b1', want: 'deinstall', flag: 'ok', state: 'config-files' }]);
    expect(db.byName.get('libc6')?.map((e) => `${e.arch} ${e.version}`)).toEqual(['amd64 2.36-9+deb12u14', 'i386 2.36-9+deb12u13']);
    expect(db.byName.get('nosuch')).toBeUndefined();
  });

  it('keeps only the asked-for packages (dpkg always, for the architecture)', () => {
    const few = parseDpkgStatus(STATUS, new Set(['sl']));
    expect([...few.byName.keys()]).toEqual(['sl']);
    expect(few.native).toBe('amd64');
  });

  it('a file without a trailing newline, or with extra blank lines, still parses', () => {
    const st = parseDpkgStatus(`\n\nPackage: dpkg\nStatus: install ok installed\nArchitecture: arm64\nVersion: 1.21.22\n\n\n\nPackage: a\nStatus: install ok installed\nArchitecture: arm64\nVersion: 1`);
    expect(st.native).toBe('arm64');
    expect(st.byName.get('a')?.[0].version).toBe('1');
  });
});

describe('dpkg decides only "in state, certainly"', () => {
  it('installed: only `ok installed` counts; config files only, half-installed and unpacked ask PackageKit', () => {
    expect(inState('dpkg')).toBe(true);
    expect(inState('cowsay')).toBe(true); // on hold, arch all
    expect(inState('figlet')).toBeUndefined();
    expect(inState('fortune-mod')).toBeUndefined();
    expect(inState('sl')).toBeUndefined();
    expect(inState('nosuch')).toBeUndefined();
  });

  it('uninstalled: absent or config files only is in state; anything installed or half-done asks PackageKit', () => {
    expect(inState('nosuch', { state: 'uninstalled' })).toBe(true);
    expect(inState('figlet', { state: 'uninstalled' })).toBe(true);
    expect(inState('dpkg', { state: 'uninstalled' })).toBeUndefined();
    expect(inState('fortune-mod', { state: 'uninstalled' })).toBeUndefined();
    expect(inState('sl', { state: 'uninstalled' })).toBeUndefined();
  });

  it('an exact version must equal the installed one, epoch included', () => {
    expect(inState('libc6', { state: '2.36-9+deb12u14' })).toBe(true);
    expect(inState('libc6', { state: '2.36-9+deb12u13' })).toBeUndefined(); // that is the i386 one
    expect(inState('zlib1g:i386', { state: '1:1.2.13.dfsg-1' })).toBe(true);
    expect(inState('zlib1g:i386', { state: '1.2.13.dfsg-1' })).toBeUndefined();
    expect(inState('figlet', { state: '2.2.5-3+b1' })).toBeUndefined();
  });

  it('multi-arch: a plain name is the native (or `all`) package; `name:arch` that architecture', () => {
    expect(inState('zlib1g')).toBeUndefined(); // only the foreign i386 one is installed
    expect(inState('zlib1g', { state: 'uninstalled' })).toBe(true);
    expect(inState('zlib1g:i386')).toBe(true);
    expect(inState('zlib1g:amd64')).toBeUndefined();
    expect(inState('zlib1g:any')).toBe(true);
    expect(inState('zlib1g:any', { state: 'uninstalled' })).toBeUndefined();
    expect(inState('libc6:amd64')).toBe(true);
    expect(inState('libc6:i386', { state: 'uninstalled' })).toBeUndefined();
  });

  it('newest always asks PackageKit', () => {
    expect(inState('dpkg', { state: 'newest' })).toBeUndefined();
  });
});

describe('reading the database', () => {
  let dir: string;
  const saved = dpkgDb.dir;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mgmt-dpkg-'));
    mkdirSync(join(dir, 'updates'));
    writeFileSync(join(dir, 'status'), STATUS);
  });
  afterEach(() => {
    dpkgDb.dir = saved;
    rmSync(join(dir, 'updates', '0000'), { force: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the status file of a dpkg directory', () => {
    dpkgDb.dir = dir;
    expect(readDpkgStatus(['libc6:i386'])?.byName.get('libc6')).toHaveLength(2);
  });

  it('file lists for autoedges come from info/NAME.list (NAME:ARCH.list for multi-arch), none for an absent package', async () => {
    dpkgDb.dir = dir;
    mkdirSync(join(dir, 'info'), { recursive: true });
    writeFileSync(join(dir, 'info', 'dpkg.list'), '/.\n/usr\n/usr/bin\n/usr/bin/dpkg\n');
    writeFileSync(join(dir, 'info', 'libc6:amd64.list'), '/.\n/lib/x86_64-linux-gnu/libc.so.6\n');
    writeFileSync(join(dir, 'info', 'libc6:i386.list'), '/.\n/lib/i386-linux-gnu/libc.so.6\n');
    const lists = await dpkgFiles(['dpkg', 'libc6', 'libc6:i386', 'figlet', 'nosuch']);
    expect([...lists.get('dpkg')!]).toEqual(['/.', '/usr', '/usr/bin', '/usr/bin/dpkg']);
    expect([...lists.get('libc6')!]).toEqual(['/.', '/lib/x86_64-linux-gnu/libc.so.6']);
    expect([...lists.get('libc6:i386')!]).toEqual(['/.', '/lib/i386-linux-gnu/libc.so.6']);
    expect(lists.get('figlet')?.size).toBe(0); // config files only
    expect(lists.get('nosuch')?.size).toBe(0);
  });

  it('does not trust the file while dpkg\'s journal holds newer changes, nor a missing file, nor when turned off', () => {
    dpkgDb.dir = dir;
    writeFileSync(join(dir, 'updates', '0000'), 'Package: sl\nStatus: install ok installed\n');
    expect(readDpkgStatus(['sl'])).toBeUndefined();
    dpkgDb.dir = join(dir, 'missing');
    expect(readDpkgStatus(['sl'])).toBeUndefined();
    dpkgDb.dir = '';
    expect(readDpkgStatus(['sl'])).toBeUndefined();
  });
});

// ---- this machine's dpkg database, with no bus -------------------------------------

const isDpkgSystem = spawnSync('dpkg-query', ['-W', '-f=${Status}', 'dpkg'], { encoding: 'utf8' }).stdout === 'install ok installed';

describe('a check against the real dpkg database', () => {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.DBUS_SYSTEM_BUS_ADDRESS;
    // No bus here: a check that asked PackageKit would fail.
    process.env.DBUS_SYSTEM_BUS_ADDRESS = 'unix:path=/nonexistent/mgmt-system-bus';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.DBUS_SYSTEM_BUS_ADDRESS;
    else process.env.DBUS_SYSTEM_BUS_ADDRESS = saved;
  });

  it('finds dpkg and bash installed, and no such package uninstalled, without PackageKit', async (ctx) => {
    if (!isDpkgSystem) return unavailable(ctx, 'not a dpkg system');
    const connect = vi.spyOn(PackageKit, 'connect');
    try {
      const t = makeRuntime();
      for (const s of [spec('pkg', 'dpkg'), spec('pkg', 'bash', { state: 'installed' }), spec('pkg', 'mgmt-no-such-package', { state: 'uninstalled' })]) {
        const res = new PkgResource(s);
        expect(await res.checkApply(t.rt, true), s.name).toBe(true);
        await res.cleanup();
      }
      const version = spawnSync('dpkg-query', ['-W', '-f=${Version}', 'bash'], { encoding: 'utf8' }).stdout;
      const exact = new PkgResource(spec('pkg', 'bash', { state: version }));
      expect(await exact.checkApply(t.rt, false)).toBe(true);
      await exact.cleanup();
      expect(connect).not.toHaveBeenCalled();
      expect(t.logs).toEqual([]);
      t.dispose();
    } finally {
      connect.mockRestore();
    }
  });

  it('autoedges from dpkg\'s file list of pkg[dbus], without PackageKit', async (ctx) => {
    if (!isDpkgSystem) return unavailable(ctx, 'not a dpkg system');
    if (spawnSync('dpkg-query', ['-W', '-f=${Status}', 'dbus'], { encoding: 'utf8' }).stdout !== 'install ok installed') return unavailable(ctx, 'dbus is not installed');
    const g = graphOf([vtx('pkg', 'dbus'), vtx('file', '/etc/default/dbus'), vtx('svc', 'dbus'), vtx('file', '/tmp/not-from-a-package')]);
    const lines: string[] = [];
    expect(await addPkgAutoEdges(g, memLog(lines)), lines.join('\n')).toBe(2);
    expect(g.edges.map((e) => `${e.from.name} -> ${e.to.name}`).sort()).toEqual(['dbus -> /etc/default/dbus', 'dbus -> dbus']);
  });

  it('a grouped run of installed packages converges with no bus; one that is not installed still asks PackageKit', async (ctx) => {
    if (!isDpkgSystem) return unavailable(ctx, 'not a dpkg system');
    const lines: string[] = [];
    const engine = new Engine({ log: memLog(lines) });
    try {
      await engine.swap(graphOf([vtx('pkg', 'dpkg'), vtx('pkg', 'bash'), vtx('pkg', 'coreutils')]));
      expect(engine.graph.vertices).toHaveLength(1);
      expect(await engine.waitConverged(10_000)).toBe(true);
      expect(engine.failures(), lines.join('\n')).toEqual([]);
    } finally {
      await engine.stop();
    }
    const res = new PkgResource(spec('pkg', 'mgmt-no-such-package'));
    await expect(res.checkApply(makeRuntime().rt, false)).rejects.toThrow(/cannot connect to the system bus/);
    await res.cleanup();
  });
});
