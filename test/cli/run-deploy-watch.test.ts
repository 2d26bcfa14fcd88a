// `mgmt run` watches the deploy files its program reads, and only those: a
// deploy with thousands of files beside it (`files/`) costs nothing more to
// watch, while edits of the files the program reads are still seen. How many
// paths are watched is counted by the kernel (the inotify watches of the
// process in /proc), which does not depend on how fast the machine is.

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launcher, requireDist, root } from '../helpers/cli.js';

let dir: string;
const running: ChildProcess[] = [];
beforeAll(() => requireDist());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mgmt-deploy-watch-'));
});
afterEach(() => {
  for (const p of running.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined);

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out (${ms} ms) waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The inotify watches a process holds (one `inotify wd:` line each in its fdinfo). */
function inotifyWatches(pid: number): number {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fdinfo`)) {
    let info: string;
    try {
      info = readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8');
    } catch {
      continue; // closed meanwhile
    }
    n += info.split('\n').filter((l) => l.startsWith('inotify wd:')).length;
  }
  return n;
}

/** The watch count once it has not changed for half a second (a scan may still be adding them). */
async function settledWatches(pid: number): Promise<number> {
  let last = inotifyWatches(pid);
  for (let stable = 0, i = 0; stable < 5 && i < 200; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const n = inotifyWatches(pid);
    stable = n === last ? stable + 1 : 0;
    last = n;
  }
  return last;
}

describe('mgmt run and the deploy files', () => {
  it('watches the files the program reads, not the 3,000 beside them, and sees their edits', async () => {
    const deploy = join(dir, 'deploy');
    mkdirSync(join(deploy, 'files', 'many'), { recursive: true });
    for (let i = 0; i < 3000; i++) writeFileSync(join(deploy, 'files', 'many', `f${i}.txt`), `${i}\n`);
    writeFileSync(join(deploy, 'files', 'a.txt'), 'one');
    const out = join(dir, 'out');
    writeFileSync(
      join(deploy, 'main.mcl'),
      `import "deploy"\nimport "fmt"\n\nfile "${out}" {\n\tstate => "exists",\n\tcontent => fmt.printf("%s|%t", deploy.readfile("/files/a.txt"), deploy.file_exists("/files/later.txt")),\n}\n`,
    );
    const proc = spawn(launcher, ['run', '--tmp-prefix', '--lang', join(deploy, 'main.mcl')], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    running.push(proc);
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const see = async (want: string, what: string) => {
      try {
        await until(() => read(out) === want, 20_000, what);
      } catch (e) {
        throw new Error(`${(e as Error).message}; the file holds ${JSON.stringify(read(out))}; stderr:\n${err}`);
      }
    };

    await see('one|false', 'the first content');
    // An edit of a file the program read, and the creation of one it looked for.
    writeFileSync(join(deploy, 'files', 'a.txt'), 'two');
    await see('two|false', 'the edit of files/a.txt');
    writeFileSync(join(deploy, 'files', 'later.txt'), '');
    await see('two|true', 'files/later.txt made');
    // The old way watched every file of files/: some 3,000 watches. Now: the
    // program, the files it read (and their directories), and the managed file.
    expect(await settledWatches(proc.pid!)).toBeLessThan(30);
    // Files the program does not read change nothing.
    writeFileSync(join(deploy, 'files', 'many', 'f1.txt'), 'changed\n');
    writeFileSync(join(deploy, 'files', 'a.txt'), 'three');
    await see('three|true', 'the second edit of files/a.txt');
    proc.kill('SIGINT');
    expect(await new Promise((r) => proc.on('exit', r))).toBe(130);
    expect(err).not.toMatch(/error/i);
  }, 60_000);
});

describe('SourceWatcher', () => {
  it('leaves no timer running when closed mid-scan of a directory (chokidar forgets its readdir throttle)', () => {
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    for (let i = 0; i < 2000; i++) writeFileSync(join(tree, `f${i}`), '');
    // In a process of its own, where the scan's 1 s throttle is the only timer:
    // close while the scan runs (as a run that ends at once does), then count
    // the timers left. One left running holds a finished `mgmt run` open.
    const script = `
      const { SourceWatcher } = await import(${JSON.stringify(join(root, 'dist', 'util', 'source-watch.js'))});
      const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
      const w = new SourceWatcher([${JSON.stringify(tree)}], () => {});
      const end = Date.now() + 10000;
      while (timers() === 0 && Date.now() < end) await new Promise((r) => setImmediate(r));
      const during = timers();
      await w.close();
      console.log(JSON.stringify({ during, after: timers() }));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    const { during, after } = JSON.parse(r.stdout) as { during: number; after: number };
    expect(during, 'the scan never started its timer').toBeGreaterThan(0);
    expect(after).toBe(0);
  });
});
