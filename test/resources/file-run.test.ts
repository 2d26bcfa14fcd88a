// The file resource on a real temp dir, as timelines: apply, check the disk,
// change things behind its back, see the event, see the repair.

import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync, appendFileSync, unlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KINDS } from '../../src/resources/index.js';
import type { Resource } from '../../src/engine/resource.js';
import type { Value } from '../../src/lang/types/value.js';
import { spec } from './helpers.js';
import { makeRuntime, startWatch, tempDir, type TestRuntime } from './runtime-helper.js';

const make = (name: string, params: Record<string, Value>): Resource => KINDS.get('file')!.create!(spec('file', name, params));
const modeOf = (p: string): number => statSync(p).mode & 0o7777;

let t: TestRuntime;
let dir: string;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function setup(): void {
  t = makeRuntime();
  dir = tempDir();
  cleanups.push(() => t.dispose(), () => rmSync(dir, { recursive: true, force: true }));
}

describe('file: content', () => {
  it('creates, reports in state, repairs an edit and a delete seen by watch', async () => {
    setup();
    const f = join(dir, 'f1');
    const res = make(f, { content: 'hello\n', mode: '0640' });
    await res.init(t.rt);
    const { done: watching } = await startWatch(t, res);

    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(f, 'utf8')).toBe('hello\n');
    expect(modeOf(f)).toBe(0o640);
    expect(t.logs).toContain('created');
    expect(await res.checkApply(t.rt, true)).toBe(true);

    const before = t.events;
    writeFileSync(f, 'tampered');
    await t.until(() => t.events > before, 3000, 'an event for the edit');
    expect(await res.checkApply(t.rt, false)).toBe(false); // noop: reports, changes nothing
    expect(readFileSync(f, 'utf8')).toBe('tampered');
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(f, 'utf8')).toBe('hello\n');
    expect(t.logs).toContain('content updated');

    // A write followed at once by a delete: the delete must still be seen (chokidar's lost-unlink bug).
    const n = t.events;
    appendFileSync(f, 'x');
    unlinkSync(f);
    await t.until(() => t.events > n && !existsSync(f), 3000, 'an event for the delete');
    await new Promise((r) => setTimeout(r, 50));
    const afterDelete = t.events;
    expect(afterDelete).toBeGreaterThan(n);
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(f, 'utf8')).toBe('hello\n');

    t.ctl.abort();
    await watching; // resolves once aborted
  });

  it('sees the file being created in a directory that did not exist yet', async () => {
    setup();
    const f = join(dir, 'sub', 'deep', 'f');
    const res = make(f, { state: 'exists' });
    const { done: watching } = await startWatch(t, res);
    const n = t.events;
    mkdirSync(join(dir, 'sub', 'deep'), { recursive: true });
    writeFileSync(f, '');
    await t.until(() => t.events > n, 3000, 'an event');
    t.ctl.abort();
    await watching;
  });

  it('mode: symbolic modes apply to the current mode; noop changes nothing', async () => {
    setup();
    const f = join(dir, 'm');
    writeFileSync(f, 'x');
    chmodSync(f, 0o600);
    const res = make(f, { mode: 'go+r' });
    expect(await res.checkApply(t.rt, false)).toBe(false);
    expect(modeOf(f)).toBe(0o600);
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(modeOf(f)).toBe(0o644);
    expect(t.logs).toContain('mode changed to 0644');
    expect(await res.checkApply(t.rt, true)).toBe(true);
  });

  it('owner and group by name and by numeric id', async () => {
    setup();
    const f = join(dir, 'o');
    writeFileSync(f, 'x');
    const res = make(f, { owner: 'root', group: '0' });
    expect(await res.checkApply(t.rt, true)).toBe(statSync(f).uid === 0 && statSync(f).gid === 0);
    expect(statSync(f).uid).toBe(0);
    expect(await res.checkApply(t.rt, true)).toBe(true);
    await expect(make(f, { owner: 'no-such-user-xyz' }).checkApply(t.rt, true)).rejects.toThrow('user `no-such-user-xyz` does not exist');
  });

  it('a file whose directory is missing fails with that said, and leaves nothing behind', async () => {
    setup();
    const f = join(dir, 'nodir', 'f');
    await expect(make(f, { content: 'x' }).checkApply(t.rt, true)).rejects.toThrow(`cannot write ${f}: its directory ${join(dir, 'nodir')} does not exist`);
    expect(existsSync(join(dir, 'nodir'))).toBe(false);
  });

  it('state absent removes the file; noop leaves it', async () => {
    setup();
    const f = join(dir, 'gone');
    writeFileSync(f, 'x');
    const res = make(f, { state: 'absent' });
    expect(await res.checkApply(t.rt, false)).toBe(false);
    expect(existsSync(f)).toBe(true);
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(existsSync(f)).toBe(false);
    expect(t.logs).toContain('removed');
    expect(await res.checkApply(t.rt, true)).toBe(true);
  });

  it('an abort in the middle of a write leaves the old file and no temp file', async () => {
    setup();
    const f = join(dir, 'big');
    writeFileSync(f, 'old');
    const res = make(f, { content: 'y'.repeat(64 * 1024 * 1024) });
    const p = res.checkApply(t.rt, true);
    setImmediate(() => t.ctl.abort());
    await expect(p).rejects.toThrow();
    expect(readFileSync(f, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['big']);
  });
});

describe('file: source, fragments, directories, symlinks', () => {
  it('copies a source file and follows changes to it', async () => {
    setup();
    const src = join(dir, 'src');
    writeFileSync(src, 'one');
    const f = join(dir, 'copy');
    const res = make(f, { source: src });
    const { done: watching } = await startWatch(t, res);
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(f, 'utf8')).toBe('one');
    const n = t.events;
    writeFileSync(src, 'two');
    await t.until(() => t.events > n, 3000, 'an event for the source');
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(f, 'utf8')).toBe('two');
    t.ctl.abort();
    await watching;
  });

  it('copies a source tree with recurse, and purge removes what the source lacks', async () => {
    setup();
    const src = join(dir, 'src');
    mkdirSync(join(src, 'a', 'b'), { recursive: true });
    writeFileSync(join(src, 'top'), 'T');
    writeFileSync(join(src, 'a', 'b', 'leaf'), 'L');
    const dst = join(dir, 'dst');
    mkdirSync(dst);
    writeFileSync(join(dst, 'stray'), 's');
    const res = make(dst + '/', { source: src + '/', recurse: true, purge: true });
    expect(await res.checkApply(t.rt, false)).toBe(false);
    expect(existsSync(join(dst, 'top'))).toBe(false);
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(join(dst, 'a', 'b', 'leaf'), 'utf8')).toBe('L');
    expect(readFileSync(join(dst, 'top'), 'utf8')).toBe('T');
    expect(existsSync(join(dst, 'stray'))).toBe(false);
    expect(await res.checkApply(t.rt, true)).toBe(true);
  });

  it('fragments: files and every file of a directory, in name order', async () => {
    setup();
    const frags = join(dir, 'frags');
    mkdirSync(frags);
    writeFileSync(join(frags, 'b'), 'B');
    writeFileSync(join(frags, 'a'), 'A');
    writeFileSync(join(dir, 'head'), 'H');
    const f = join(dir, 'out');
    const res = make(f, { fragments: [join(dir, 'head'), frags + '/'] });
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(f, 'utf8')).toBe('HAB');
    expect(await res.checkApply(t.rt, true)).toBe(true);
  });

  it('directories: created with state exists; a file in the way needs force', async () => {
    setup();
    const d = join(dir, 'd');
    expect(await make(d + '/', { state: 'exists', mode: '0750' }).checkApply(t.rt, true)).toBe(false);
    expect(statSync(d).isDirectory()).toBe(true);
    expect(modeOf(d)).toBe(0o750);
    const x = join(dir, 'x');
    writeFileSync(x, 'file');
    await expect(make(x + '/', { state: 'exists' }).checkApply(t.rt, true)).rejects.toThrow('without force');
    expect(await make(x + '/', { state: 'exists', force: true }).checkApply(t.rt, true)).toBe(false);
    expect(statSync(x).isDirectory()).toBe(true);
  });

  it('symlink: points the path at source, and repoints it', async () => {
    setup();
    const l = join(dir, 'link');
    symlinkSync('/elsewhere', l);
    const res = make(l, { symlink: true, source: '/etc/hostname', state: 'exists' });
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(readlinkSync(l)).toBe('/etc/hostname');
    expect(lstatSync(l).isSymbolicLink()).toBe(true);
    expect(await res.checkApply(t.rt, true)).toBe(true);
  });
});
