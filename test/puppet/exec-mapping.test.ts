// Puppet's exec as our exec: `refreshonly` is exact (our `refresh_only`), and a
// command runs in a shell only when Puppet would use one, never in a second:
// `/bin/sh -c 'SCRIPT'` becomes `shell => "/bin/sh"` with SCRIPT as cmd.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commandFor } from '../../src/puppet/mapping.js';
import { mgmt, requireDist } from '../helpers/cli.js';

let dir: string;
beforeAll(() => requireDist());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mgmt-pp-exec-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Puppet exec commands', () => {
  it('a shell only where Ruby would use one, and never a second one', () => {
    expect(commandFor('/usr/bin/touch /tmp/x')).toEqual({ cmd: '/usr/bin/touch /tmp/x' });
    expect(commandFor('echo hi > /tmp/x')).toEqual({ cmd: 'echo hi > /tmp/x', shell: '/bin/sh' });
    expect(commandFor('/usr/bin/touch /tmp/x', true)).toEqual({ cmd: '/usr/bin/touch /tmp/x', shell: '/bin/sh' });
    expect(commandFor(`/bin/sh -c 'echo hi > /tmp/x'`)).toEqual({ cmd: 'echo hi > /tmp/x', shell: '/bin/sh' });
    expect(commandFor(`bash -c "set -e; make"`)).toEqual({ cmd: 'set -e; make', shell: 'bash' });
    // Not a lone `-c` script: left whole, in /bin/sh as Ruby would.
    expect(commandFor(`sh -c 'a' extra`)).toEqual({ cmd: `sh -c 'a' extra`, shell: '/bin/sh' });
  });

  it('translate: refreshonly is refresh_only (no approximation note); onlyif/unless run as Puppet runs them', () => {
    const pp = join(dir, 'site.pp');
    writeFileSync(
      pp,
      `file { '${dir}/conf': content => "v=1\\n", notify => Exec['reload'] }\n` +
        `exec { 'reload':\n  command => "/bin/sh -c 'echo reloaded >> ${dir}/log'",\n  refreshonly => true,\n  onlyif => '/usr/bin/test -d ${dir}',\n  unless => 'test -e ${dir}/stop || false',\n}\n`,
    );
    const r = mgmt(['puppet', 'translate', pp]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      `exec "reload" {\n\tcmd => "echo reloaded >> ${dir}/log",\n\tshell => "/bin/sh",\n\tifcmd => "/usr/bin/test -d ${dir}",\n\tnifcmd => "test -e ${dir}/stop || false",\n\tnifshell => "/bin/sh",\n\trefresh_only => true,\n}`,
    );
    expect(r.out).not.toContain('approximated: refreshonly');
  });

  it('run: a refreshonly exec runs when its file changes, and not when nothing notified it', () => {
    const pp = join(dir, 'site.pp');
    writeFileSync(pp, `file { '${dir}/conf': content => "v=1\\n", notify => Exec['reload'] }\nexec { 'reload':\n  command => "/bin/sh -c 'echo reloaded >> ${dir}/log'",\n  refreshonly => true,\n}\n`);
    const run = () => mgmt(['run', '--tmp-prefix', '--converged-timeout', '0', '--puppet', pp]);
    let r = run();
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(dir, 'log'), 'utf8')).toBe('reloaded\n');
    // The file is in place now: nothing notifies the exec, so it does not run.
    r = run();
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(dir, 'log'), 'utf8')).toBe('reloaded\n');
    writeFileSync(join(dir, 'conf'), 'v=0\n');
    r = run();
    expect(readFileSync(join(dir, 'log'), 'utf8')).toBe('reloaded\nreloaded\n');
  });
});
