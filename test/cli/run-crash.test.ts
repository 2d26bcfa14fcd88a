// `mgmt run` killed outright (SIGKILL) in the middle of writing a large file:
// the target is never left partial, and the temp file the killed run left is
// removed by the next run that writes into that directory.

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launcher, requireDist, root } from '../helpers/cli.js';

let dir: string;
beforeAll(() => requireDist());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mgmt-crash-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

describe('mgmt run killed mid-write', () => {
  it('leaves the old file whole, and the next run removes the temp file and writes the new one', async () => {
    // 128 MiB, every 64 KiB block different, so a partial copy cannot pass for the whole.
    const source = join(dir, 'big.src');
    const block = 1 << 16;
    const big = Buffer.alloc(128 << 20);
    for (let off = 0, i = 0; off < big.length; off += block, i++) big.fill(`block ${i} `, off, off + block);
    writeFileSync(source, big);
    const out = join(dir, 'out');
    mkdirSync(out);
    const target = join(out, 'big');
    writeFileSync(target, 'the old content\n');
    const program = join(dir, 'main.mcl');
    writeFileSync(program, `file "${target}" {\n\tstate => "exists",\n\tsource => "${source}",\n}\n`);

    // Kill the run as soon as its temp file has grown (the write is under way).
    const proc = spawn(launcher, ['run', '--tmp-prefix', '--lang', program], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((r) => proc.on('exit', (_code, sig) => r(sig)));
    const watcher = watch(out, (ev, name) => {
      if (ev === 'change' && name?.startsWith('.mgmt-tmp-big.')) proc.kill('SIGKILL');
    });
    const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
    const sig = await exited;
    clearTimeout(timer);
    watcher.close();
    expect(sig, err).toBe('SIGKILL');
    const left = readdirSync(out).filter((n) => n !== 'big');
    expect(left, 'the killed run should have left its temp file (it was killed after the write ended?)').toHaveLength(1);
    expect(readFileSync(target, 'utf8')).toBe('the old content\n');

    // The next run writes into the same directory: it removes the leftover first.
    const r = spawnSync(launcher, ['run', '--tmp-prefix', '--converged-timeout=0', '--lang', program], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`removed ${join(out, left[0])}, left by a writer that is gone (pid ${proc.pid})`);
    expect(readdirSync(out)).toEqual(['big']);
    expect(sha(target)).toBe(sha(source));
  }, 90_000);
});
