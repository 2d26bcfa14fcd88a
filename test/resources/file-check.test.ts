// The file check path compares content without reading more than it must:
// a size that differs answers at once (but not for /proc files, whose size
// says nothing), a longer file with the wanted prefix is not a match.

import { existsSync, lstatSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KINDS } from '../../src/resources/index.js';
import type { Resource } from '../../src/engine/resource.js';
import type { Value } from '../../src/lang/types/value.js';
import { sameContent } from '../../src/resources/file/compare.js';
import { spec } from './helpers.js';
import { makeRuntime, tempDir, type TestRuntime } from './runtime-helper.js';

const make = (name: string, params: Record<string, Value>): Resource => KINDS.get('file')!.create!(spec('file', name, params));

let t: TestRuntime;
let dir: string;
afterEach(() => {
  t?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('sameContent', () => {
  it('equal bytes, other bytes of the same size, shorter, longer with the same prefix, empty', async () => {
    dir = tempDir();
    const f = join(dir, 'f');
    const same = async (onDisk: string, want: string) => {
      writeFileSync(f, onDisk);
      return sameContent(f, lstatSync(f), Buffer.from(want));
    };
    expect(await same('hello\n', 'hello\n')).toBe(true);
    expect(await same('hellO\n', 'hello\n')).toBe(false);
    expect(await same('hell', 'hello\n')).toBe(false);
    expect(await same('hello\nmore', 'hello\n')).toBe(false);
    expect(await same('', '')).toBe(true);
    expect(await same('x', '')).toBe(false);
    const big = 'a'.repeat(1 << 20);
    expect(await same(big, big)).toBe(true);
    expect(await same(big + 'b', big)).toBe(false);
  });

  it('answers from the bytes when the file changed after its lstat', async () => {
    dir = tempDir();
    const f = join(dir, 'f');
    writeFileSync(f, 'hello\n');
    const before = lstatSync(f);
    writeFileSync(f, 'hello\nand more');
    expect(await sameContent(f, before, Buffer.from('hello\n'))).toBe(false);
    writeFileSync(f, 'hello\n');
    const long = lstatSync(f);
    writeFileSync(f, 'hel');
    expect(await sameContent(f, long, Buffer.from('hello\n'))).toBe(false);
  });

  it('reads a /proc file whose size says 0', async () => {
    const p = '/proc/sys/kernel/ostype';
    if (!existsSync(p)) return;
    const real = readFileSync(p);
    expect(lstatSync(p).size).toBe(0);
    expect(await sameContent(p, lstatSync(p), real)).toBe(true);
    expect(await sameContent(p, lstatSync(p), Buffer.from('not the kernel\n'))).toBe(false);
  });
});

describe('file: check in place', () => {
  it('noop reports a longer file with the wanted prefix and changes nothing; apply fixes content and mode', async () => {
    t = makeRuntime();
    dir = tempDir();
    const f = join(dir, 'f');
    writeFileSync(f, 'hello\nextra\n', { mode: 0o600 });
    const res = make(f, { content: 'hello\n', mode: '0640' });
    expect(await res.checkApply(t.rt, false)).toBe(false);
    expect(readFileSync(f, 'utf8')).toBe('hello\nextra\n');
    expect(lstatSync(f).mode & 0o7777).toBe(0o600);
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(f, 'utf8')).toBe('hello\n');
    expect(lstatSync(f).mode & 0o7777).toBe(0o640);
    expect(await res.checkApply(t.rt, false)).toBe(true);
  });

  it('a file created by apply gets its mode in the same run', async () => {
    t = makeRuntime();
    dir = tempDir();
    const f = join(dir, 'new');
    const res = make(f, { content: 'x\n', mode: 'u=rw,go=' });
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(lstatSync(f).mode & 0o7777).toBe(0o600);
    expect(await res.checkApply(t.rt, true)).toBe(true);
  });
});
