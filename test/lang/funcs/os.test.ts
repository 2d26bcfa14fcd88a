import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { module as os } from '../../../src/lang/funcs/os/index.js';
import { CatchableError } from '../../../src/lang/funcs/registry.js';
import { familyOf, parseOsRelease } from '../../../src/lang/funcs/os/distro.js';
import { parseDistroUid } from '../../../src/lang/funcs/os/parse-distro-uid.js';
import { StructValue } from '../../../src/lang/types/value.js';
import { call, find, makeEnv, start } from './host-harness.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'mgmt-os-'));

describe('os.readfile', () => {
  it('emits the contents, then again when the file changes', async () => {
    const f = join(tmp(), 'input');
    writeFileSync(f, 'one\n');
    const run = start(find(os, 'readfile'), [f]);
    try {
      await run.until(1);
      expect(run.values[0]).toBe('one\n');
      writeFileSync(f, 'two\n');
      await run.until(2);
      expect(run.values[1]).toBe('two\n');
    } finally {
      run.stop();
    }
  });

  it('fails catchably while the file is missing and recovers when it appears', async () => {
    const f = join(tmp(), 'later');
    const run = start(find(os, 'readfile'), [f]);
    try {
      await run.untilError(1);
      expect(run.errors[0]).toBeInstanceOf(CatchableError);
      expect(run.errors[0].message).toBe(`error reading file: open ${f}: no such file or directory`);
      writeFileSync(f, 'recovered');
      await run.until(1);
      expect(run.values).toEqual(['recovered']);
      rmSync(f);
      await run.untilError(2);
    } finally {
      run.stop();
    }
  });
});

describe('os.file_exists', () => {
  it('follows the file coming and going', async () => {
    const f = join(tmp(), 'marker');
    const run = start(find(os, 'file_exists'), [f]);
    try {
      await run.until(1);
      expect(run.values).toEqual([false]);
      writeFileSync(f, '');
      await run.until(2);
      rmSync(f);
      await run.until(3);
      expect(run.values).toEqual([false, true, false]);
    } finally {
      run.stop();
    }
  });
});

describe('os.system', () => {
  it('emits each output line in order', async () => {
    const run = start(find(os, 'system'), ['echo 0; echo 1; printf last']);
    try {
      await run.until(3);
      expect(run.values).toEqual(['0', '1', 'last']);
    } finally {
      run.stop();
    }
  });

  it('kills the command when stopped', async () => {
    const f = join(tmp(), 'never');
    const run = start(find(os, 'system'), [`echo go; sleep 1; touch ${f}`]);
    await run.until(1);
    run.stop();
    await new Promise((r) => setTimeout(r, 1500));
    expect(existsSync(f)).toBe(false);
  });
});

describe('os facts', () => {
  it('reads the distro family from ID and ID_LIKE', () => {
    expect(familyOf(parseOsRelease('ID=ubuntu\nID_LIKE=debian\n'))).toBe('debian');
    expect(familyOf(parseOsRelease('ID="rocky"\nID_LIKE="rhel centos fedora"\n'))).toBe('redhat');
    expect(familyOf(parseOsRelease('ID=arch\n'))).toBe('archlinux');
    expect(familyOf(parseOsRelease('ID=alpine\n'))).toBe('');
  });

  it('agrees between family() and the is_family_* functions', () => {
    const fam = call(find(os, 'family'), []);
    expect(call(find(os, 'is_family_debian'), [])).toBe(fam === 'debian');
    expect(call(find(os, 'is_family_redhat'), [])).toBe(fam === 'redhat');
    expect(call(find(os, 'is_family_archlinux'), [])).toBe(fam === 'archlinux');
  });

  it('returns release fields in declaration order', () => {
    const r = call(find(os, 'release'), []) as StructValue;
    expect(r.fields.map(([n]) => n)).toEqual(['id', 'variant_id', 'version_id']);
  });

  it('splits distro uids', () => {
    expect(parseDistroUid('fedora-39-x86_64')).toEqual({ distro: 'fedora', version: '39', arch: 'x86_64' });
    expect(parseDistroUid('debian-12-amd64')).toEqual({ distro: 'debian', version: '12', arch: 'amd64' });
    expect(parseDistroUid('nonsense')).toEqual({ distro: '', version: '', arch: '' });
  });

  it('gives the program arguments and expands home', () => {
    expect(call(find(os, 'args'), [], makeEnv({ args: ['a', 'b'] }))).toEqual(['a', 'b']);
    expect(call(find(os, 'expand_home'), ['/abs'])).toBe('/abs');
    expect(call(find(os, 'expand_home'), ['~/x'])).toMatch(/^\/.*\/x$/);
    expect(() => call(find(os, 'expand_home'), ['~nosuchuser12345/x'])).toThrow(CatchableError);
  });

  it('looks users up in /etc/passwd', () => {
    expect(call(find(os, 'uid'), ['root'])).toBe('0');
    expect(call(find(os, 'home'), ['root'])).toBe('/root');
    expect(() => call(find(os, 'uid'), ['nosuchuser12345'])).toThrow('user: unknown user nosuchuser12345');
  });

  it('sees root as an existing user', async () => {
    const run = start(find(os, 'user_exists'), ['root']);
    try {
      await run.until(1);
      expect(run.values).toEqual([true]);
    } finally {
      run.stop();
    }
  });
});
