// Directory trees for the file kind: copying a source directory (recurse),
// purging what the source does not have, and removing a tree. Each change
// is logged with the path it touched, since one resource covers many files.

import { lstat, mkdir, readdir, readFile, readlink, rm, symlink, rename, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../util/log.js';
import { writeAtomic } from './atomic.js';
import { contentDiffOnDisk } from './noop.js';

export interface TreeOpts {
  apply: boolean;
  purge: boolean;
  force: boolean;
  log: Logger;
  signal?: AbortSignal;
}

const stripSlash = (p: string): string => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);

/** Make `dst` a copy of the `src` directory tree. Returns true when it already was. */
export async function syncTree(src: string, dst: string, o: TreeOpts): Promise<boolean> {
  return syncDir(stripSlash(src), stripSlash(dst), o);
}

async function syncDir(src: string, dst: string, o: TreeOpts): Promise<boolean> {
  const srcSt = await lstat(src).catch(() => undefined);
  if (!srcSt?.isDirectory()) throw new Error(`the source \`${src}/\` is not a directory`);
  let ok = await ensureDir(dst, srcSt.mode & 0o7777, o);
  const dstExists = !!(await lstat(dst).catch(() => undefined));
  const entries = (await readdir(src, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    if (o.signal?.aborted) throw new Error('aborted');
    const s = join(src, e.name);
    const d = join(dst, e.name);
    if (e.isDirectory()) ok = (await syncDir(s, d, o)) && ok;
    else if (e.isSymbolicLink()) ok = (await syncLink(s, d, o)) && ok;
    else if (e.isFile()) ok = (await syncFile(s, d, o)) && ok;
  }
  if (o.purge && dstExists) {
    const keep = new Set(entries.map((e) => e.name));
    for (const name of (await readdir(dst)).sort()) {
      if (keep.has(name)) continue;
      ok = false;
      if (!o.apply) {
        o.log.info(`would remove ${join(dst, name)}`);
        continue;
      }
      await rm(join(dst, name), { recursive: true, force: true });
      o.log.info(`removed ${join(dst, name)}`);
    }
  }
  return ok;
}

/** Noop: say what applying would do; not in state. */
function noop(o: TreeOpts, what: string): false {
  o.log.info(`would ${what}`);
  return false;
}

async function ensureDir(dst: string, mode: number, o: TreeOpts): Promise<boolean> {
  const st = await lstat(dst).catch(() => undefined);
  if (st?.isDirectory()) return true;
  if (st && !o.force) throw new Error(`cannot replace \`${dst}\` with a directory without force`);
  if (!o.apply) return noop(o, `create ${dst}/`);
  if (st) await rm(dst, { recursive: true, force: true });
  await mkdir(dst, { mode });
  o.log.info(`created ${dst}/`);
  return false;
}

async function syncFile(src: string, dst: string, o: TreeOpts): Promise<boolean> {
  const st = await lstat(dst).catch(() => undefined);
  const want = await readFile(src);
  if (st?.isFile() && (await readFile(dst)).equals(want)) return true;
  if (st?.isDirectory() && !o.force) throw new Error(`cannot replace the directory \`${dst}\` with a file without force`);
  if (!o.apply) return noop(o, `${st?.isFile() ? 'change the content of' : 'create'} ${dst}:\n${await contentDiffOnDisk(dst, st, want)}`);
  if (st?.isDirectory()) await rm(dst, { recursive: true, force: true });
  await writeAtomic(dst, want, { mode: (await lstat(src)).mode & 0o7777, signal: o.signal });
  if (!st?.isFile()) await chmod(dst, (await lstat(src)).mode & 0o7777);
  o.log.info(st ? `content updated ${dst}` : `created ${dst}`);
  return false;
}

async function syncLink(src: string, dst: string, o: TreeOpts): Promise<boolean> {
  const target = await readlink(src);
  const st = await lstat(dst).catch(() => undefined);
  if (st?.isSymbolicLink() && (await readlink(dst)) === target) return true;
  if (st?.isDirectory() && !o.force) throw new Error(`cannot replace the directory \`${dst}\` with a symlink without force`);
  if (!o.apply) return noop(o, `point ${dst} to ${target}`);
  if (st?.isDirectory()) await rm(dst, { recursive: true, force: true });
  await replaceWithSymlink(dst, target);
  o.log.info(`symlink ${dst} -> ${target}`);
  return false;
}

/** Point `path` at `target` atomically: a temp link renamed over it. */
export async function replaceWithSymlink(path: string, target: string): Promise<void> {
  const tmp = `${path}.mgmt-link-${process.pid}-${Date.now()}`;
  await symlink(target, tmp);
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
