// watchPaths for a plain file (no chokidar scan, shared inotify watches on
// directories): every change to the entry is an event, other entries are
// not, the directory moving away is one too, and the watch follows the
// directory when it goes and comes back, or does not exist yet.

import { chmodSync, mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchPaths } from '../../src/resources/file/watch.js';
import { tempDir } from './runtime-helper.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const settle = () => new Promise((r) => setTimeout(r, 100));
async function until(cond: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 15_000; // a hang guard: events come in milliseconds
  while (!cond()) {
    if (Date.now() > end) throw new Error(`no event for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A file `f` in a directory `p` of its own under the test's temp dir. */
function fileInDir(): { p: string; f: string } {
  dir = tempDir();
  const p = join(dir, 'p');
  mkdirSync(p);
  const f = join(p, 'f');
  writeFileSync(f, 'x');
  return { p, f };
}

/** Watch `f`, recording every event (an error as `error …`). */
async function watchFile(f: string) {
  const events: string[] = [];
  const w = await watchPaths([{ path: f }], (e) => events.push(e), (e) => events.push(`error ${e.message}`));
  /** Do `act`, then wait for events, every one of them naming `f`. */
  const expectEvents = async (what: string, act: () => void) => {
    events.length = 0;
    act();
    await until(() => events.length > 0, what);
    expect(events.every((e) => e === f), what).toBe(true);
  };
  return { events, w, expectEvents };
}

describe('watchPaths: a file in an existing directory', () => {
  it('sees write, chmod, delete, create, replace by rename and the directory moving, not other files', async () => {
    const { p, f } = fileInDir();
    const { events, w, expectEvents } = await watchFile(f);
    const steps: [string, () => void][] = [
      ['write', () => writeFileSync(f, 'y')],
      ['chmod', () => chmodSync(f, 0o600)],
      ['delete', () => unlinkSync(f)],
      ['create', () => writeFileSync(f, 'z')],
      ['rename over', () => (writeFileSync(join(p, '.t'), 'q'), renameSync(join(p, '.t'), f))],
      ['directory moved away', () => renameSync(p, join(dir, 'q'))],
    ];
    try {
      for (const [what, act] of steps) await expectEvents(what, act);
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

  it('keeps seeing the file after its directory is removed and made again, or replaced by another', async () => {
    const { p, f } = fileInDir();
    const { w, expectEvents } = await watchFile(f);
    const step = async (what: string, act: () => void) => {
      await settle();
      await expectEvents(what, act);
    };
    try {
      await step('directory removed', () => rmSync(p, { recursive: true }));
      await step('directory made again', () => mkdirSync(p));
      await step('file created in the new directory', () => writeFileSync(f, 'y'));
      await step('file written', () => writeFileSync(f, 'z'));
      const other = join(dir, 'other');
      mkdirSync(other);
      writeFileSync(join(other, 'f'), 'o');
      await step('directory replaced by another one', () => (rmSync(p, { recursive: true }), renameSync(other, p)));
      await step('file in the replacing directory written', () => writeFileSync(f, 'w'));
    } finally {
      await w.close();
    }
  });

  it('watches a file under directories that do not exist yet, and follows them as they are made', async () => {
    dir = tempDir();
    const f = join(dir, 'a', 'b', 'f');
    const { events, w, expectEvents } = await watchFile(f);
    try {
      mkdirSync(join(dir, 'a'));
      await until(() => events.length > 0, 'a made');
      mkdirSync(join(dir, 'a', 'b'));
      await settle();
      events.length = 0;
      writeFileSync(f, 'x');
      await until(() => events.includes(f), 'f created');
      await settle();
      events.length = 0;
      writeFileSync(join(dir, 'a', 'b', 'g'), 'x');
      await settle();
      expect(events).toEqual([]);
      await expectEvents('f written', () => writeFileSync(f, 'y'));
    } finally {
      await w.close();
    }
  });
});
