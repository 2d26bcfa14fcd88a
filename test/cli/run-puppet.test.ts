// `mgmt run --puppet` as a user runs it: a manifest applied through the same
// engine as mcl, and an edit of the running manifest hot-swapped in.

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launcher, requireDist, root } from '../helpers/cli.js';

beforeAll(() => requireDist());

let proc: ChildProcess | undefined;
afterEach(() => {
  proc?.kill('SIGKILL');
  proc = undefined;
});

async function until(check: () => boolean, ms: number, what: string, log: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; stderr:\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const manifest = (dir: string, content: string, extra = '') => `file { '${dir}/motd':
  ensure  => file,
  content => "${content}\\n",
}
${extra}`;

describe('mgmt run --puppet', () => {
  it('applies a manifest and hot-swaps an edit of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mgmt-run-puppet-'));
    const pp = join(dir, 'site.pp');
    writeFileSync(pp, manifest(dir, 'hello'));
    proc = spawn(launcher, ['run', '--tmp-prefix', '--puppet', pp], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    const motd = join(dir, 'motd');
    await until(() => existsSync(motd) && readFileSync(motd, 'utf8') === 'hello\n', 20_000, 'the first apply', () => err);

    // Change a param and add a resource: both land without a restart.
    writeFileSync(pp, manifest(dir, 'changed', `file { '${dir}/extra':\n  ensure  => file,\n  content => "new\\n",\n}\n`));
    await until(() => readFileSync(motd, 'utf8') === 'changed\n' && existsSync(join(dir, 'extra')), 20_000, 'the edit to apply', () => err);

    // A manifest that no longer evaluates keeps the running graph and says why.
    writeFileSync(pp, `file { '${dir}/motd': ensure => file }\nfile { '${dir}/motd': ensure => file }\n`);
    await until(() => /Duplicate declaration|duplicate/i.test(err), 20_000, 'the error to be reported', () => err);
    expect(readFileSync(motd, 'utf8')).toBe('changed\n');
    expect(proc.exitCode).toBeNull();
  }, 90_000);
});
