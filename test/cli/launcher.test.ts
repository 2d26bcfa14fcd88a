// bin/mgmt, the command npm installs: it starts node from the start-up
// snapshot when the snapshot was made by the node on PATH, and runs
// bin/mgmt.js otherwise. Whichever way, a command behaves the same.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launcher, mgmt, requireDist, root } from '../helpers/cli.js';

let tmp: string;
beforeAll(() => {
  requireDist();
  tmp = mkdtempSync(join(tmpdir(), 'mgmt-launcher-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Start `cmd run …` on a program that runs until stopped; resolve once it has put its file in place. */
async function startIdle(cmd: string, name: string) {
  const file = join(tmp, `${name}.mcl`);
  const ready = join(tmp, `${name}.ready`);
  writeFileSync(file, `file "${ready}" {\n\tcontent => "up\\n",\n}\n`);
  const proc = spawn(cmd, ['run', '--tmp-prefix', '--lang', file], { cwd: tmp, stdio: 'ignore' });
  for (let i = 0; i < 200 && !existsSync(ready); i++) await new Promise((r) => setTimeout(r, 50));
  expect(existsSync(ready), `${cmd} run did not put ${ready} in place`).toBe(true);
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return { proc, exited, cmdline: () => readFileSync(`/proc/${proc.pid}/cmdline`, 'utf8').split('\0').filter(Boolean) };
}

describe('bin/mgmt', () => {
  it('starts node from the snapshot, as one process that handles signals itself', async () => {
    const { proc, exited, cmdline } = await startIdle(launcher, 'snapshot');
    // The shell exec'd node: the child's pid is node's, started with the blob and bin/mgmt.js as argv[1].
    const argv = cmdline();
    expect(argv[0]).toMatch(/node/);
    expect(argv).toContain('--snapshot-blob');
    expect(argv[argv.indexOf('--snapshot-blob') + 1]).toMatch(/dist\/bundle\/mgmt\.blob$/);
    expect(argv).toContain(join(root, 'bin', 'mgmt.js'));
    proc.kill('SIGINT');
    expect(await exited).toBe(130);
  });

  it('gives the same output as node bin/mgmt.js, and reads the environment of the run, not of the build', () => {
    const file = join(root, 'examples', 'lang', 'hello.mcl');
    const viaSnapshot = mgmt(['graph', file]);
    const viaNode = spawnSync(process.execPath, [join(root, 'bin', 'mgmt.js'), 'graph', file], { encoding: 'utf8', cwd: root });
    expect(viaSnapshot.code).toBe(0);
    expect(viaSnapshot.out).toBe(viaNode.stdout);
    expect(viaSnapshot.out).toMatch(/file\[\/tmp\/mgmt-hello\/a\.txt\]/);
    // $MGMT_LOG is read when the command runs (the snapshot was made without it).
    const debug = spawnSync(launcher, ['graph', file], { encoding: 'utf8', cwd: root, env: { ...process.env, MGMT_LOG: 'debug' } });
    expect(debug.stderr).toMatch(/^debug: lex\/parse: [\d.]+ ms$/m);
    expect(mgmt(['graph', file]).err).not.toMatch(/debug:/);
  });

  it('fires timers in a process started from the snapshot (the warm-up leaves none behind)', () => {
    const file = join(tmp, 'forever.mcl');
    writeFileSync(file, 'noop "n" {}\n');
    // A process whose timers never fired would be killed by spawnSync's timeout (status null).
    const r = spawnSync(launcher, ['run', '--tmp-prefix', '--max-runtime', '1', '--lang', file], { encoding: 'utf8', timeout: 20_000 });
    expect(r.stderr).toMatch(/max runtime of 1 s reached/);
    expect(r.status).toBe(0);
  });

  it('names its temp files afresh in every process (nothing random is kept from the build)', async () => {
    const out = join(tmp, 'tags');
    mkdirSync(out);
    const file = join(tmp, 'tags.mcl');
    writeFileSync(file, `file "${out}/a.txt" {\n\tcontent => "a\\n",\n}\n`);
    // The atomic write's temp file shows up in the directory for a moment: note its name.
    const seen: string[] = [];
    const watcher = watch(out, (_ev, name) => {
      if (name?.startsWith('.mgmt-tmp-') && !seen.includes(name)) seen.push(name);
    });
    try {
      for (let i = 0; i < 2; i++) {
        rmSync(join(out, 'a.txt'), { force: true });
        const r = spawnSync(launcher, ['run', '--tmp-prefix', '--converged-timeout=0', '--lang', file], { encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        await new Promise((res) => setTimeout(res, 100));
      }
    } finally {
      watcher.close();
    }
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
  });

  it('runs through a symlink, the way npm installs it', () => {
    const linkDir = join(tmp, 'node_modules', '.bin');
    mkdirSync(linkDir, { recursive: true });
    symlinkSync(launcher, join(linkDir, 'mgmt'));
    const version = spawnSync(join(linkDir, 'mgmt'), ['--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^mgmt \d+\.\d+\.\d+\n$/);
    const check = spawnSync(join(linkDir, 'mgmt'), ['check', join(root, 'examples', 'lang', 'hello.mcl')], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('runs bin/mgmt.js when NODE_OPTIONS is set (node refuses a snapshot under other V8 flags)', () => {
    const file = join(root, 'examples', 'lang', 'hello.mcl');
    const r = spawnSync(launcher, ['graph', file], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/file\[\/tmp\/mgmt-hello\/a\.txt\]/);
  });

  it('runs bin/mgmt.js when the snapshot was made by another node', async () => {
    // A copy of the install whose snapshot names another node binary.
    const copy = join(tmp, 'copy');
    cpSync(join(root, 'bin'), join(copy, 'bin'), { recursive: true });
    cpSync(join(root, 'dist', 'bundle'), join(copy, 'dist', 'bundle'), { recursive: true });
    cpSync(join(root, 'package.json'), join(copy, 'package.json'));
    writeFileSync(join(copy, 'dist', 'bundle', 'mgmt.blob.node'), '1:2:3:4\n');
    const { proc, exited, cmdline } = await startIdle(join(copy, 'bin', 'mgmt'), 'fallback');
    const argv = cmdline();
    expect(argv).not.toContain('--snapshot-blob');
    expect(argv).toContain(join(copy, 'bin', 'mgmt.js'));
    proc.kill('SIGTERM');
    expect(await exited).toBe(143);
  });
});
