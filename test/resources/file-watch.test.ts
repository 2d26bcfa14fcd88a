// watchPaths for a plain file in an existing directory (no chokidar scan,
// one shared inotify watch per directory): every change to the entry is an
// event, other entries are not, and the directory moving away is one too.

import { chmodSync, mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchPaths } from '../../src/resources/file/watch.js';
import { tempDir } from './runtime-helper.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const settle = () => new Promise((r) => setTimeout(r, 100));
async function until(cond: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 3000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`no event for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('watchPaths: a file in an existing directory', () => {
  it('sees write, chmod, delete, create, replace by rename and the directory moving, not other files', async () => {
    dir = tempDir();
    const p = join(dir, 'p');
    mkdirSync(p);
    const f = join(p, 'f');
    writeFileSync(f, 'x');
    const events: string[] = [];
    const w = await watchPaths([{ path: f }], (e) => events.push(e), (e) => events.push(`error ${e.message}`));
    const steps: [string, () => void][] = [
      ['write', () => writeFileSync(f, 'y')],
      ['chmod', () => chmodSync(f, 0o600)],
      ['delete', () => unlinkSync(f)],
      ['create', () => writeFileSync(f, 'z')],
      ['rename over', () => (writeFileSync(join(p, '.t'), 'q'), renameSync(join(p, '.t'), f))],
      ['directory moved away', () => renameSync(p, join(dir, 'q'))],
    ];
    try {
      for (const [what, act] of steps) {
        events.length = 0;
        act();
        await until(() => events.length > 0, what);
        expect(events.every((e) => e === f), what).toBe(true);
      }
      renameSync(join(dir, 'q'), p);
      await settle();
      events.length = 0;
      writeFileSync(join(p, 'other'), 'o');
      await settle();
      expect(events).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('a thousand files in one directory: ready at once, each event to its own subscriber', async () => {
    dir = tempDir();
    for (let i = 0; i < 1000; i++) writeFileSync(join(dir, `f${i}`), '');
    const hits = new Map<string, number>();
    const watchers = await Promise.all(Array.from({ length: 1000 }, (_, i) => watchPaths([{ path: join(dir, `f${i}`) }], (e) => hits.set(e, (hits.get(e) ?? 0) + 1), () => undefined)));
    try {
      await settle();
      expect(hits.size).toBe(0);
      writeFileSync(join(dir, 'f7'), 'x');
      await until(() => hits.has(join(dir, 'f7')), 'f7');
      await settle();
      expect([...hits.keys()]).toEqual([join(dir, 'f7')]);
    } finally {
      await Promise.all(watchers.map((w) => w.close()));
    }
  });
});
