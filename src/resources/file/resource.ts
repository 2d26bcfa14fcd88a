// The running file resource: Watch and CheckApply for the `file` kind (its
// params, Validate and Cmp are in ../file.ts). CheckApply is an AND of one
// helper per property, each logging what it changed and changing nothing
// when apply is false.

import { mkdir, readdir, readFile, readlink, rm, stat, chmod, lchown, unlink } from 'node:fs/promises';
import { lstat as lstatCb, type Stats } from 'node:fs';
import type { Resource, ResourceRuntime } from '../../engine/resource.js';
import type { ResourceSpec } from '../kind.js';
import { getBool, getStr, getStrList, getStrPtr, isDirPath } from '../common.js';
import { filePath } from '../file.js';
import { writeAtomic } from './atomic.js';
import { sameContent } from './compare.js';
import { fmtMode, wantedMode } from './mode.js';
import { contentDiff, contentDiffOnDisk } from './noop.js';
import { gidOf, groupName, uidOf, userName } from './owner.js';
import { replaceWithSymlink, syncTree } from './tree.js';
import { watchUntilAborted, type WatchTarget } from './watch.js';

// The callback API: the promise one costs several times more per call, which shows with a thousand files.
const lstatOrNone = (p: string): Promise<Stats | undefined> =>
  new Promise((res, rej) => lstatCb(p, (e, st) => (!e ? res(st) : e.code === 'ENOENT' || e.code === 'ENOTDIR' ? res(undefined) : rej(e))));
const noSlash = (p: string): string => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);
const typeName = (st: Stats): string => (st.isDirectory() ? 'directory' : st.isSymbolicLink() ? 'symlink' : 'file');
/** Noop: say what applying would do; not in state. */
function would(rt: ResourceRuntime, what: string): false {
  rt.log.info(`would ${what}`);
  return false;
}

export class FileResource implements Resource {
  constructor(public spec: ResourceSpec) {}

  async init(_rt: ResourceRuntime): Promise<void> {}

  /** Events for the path (its whole tree with recurse), the source, and each fragment. */
  async watch(rt: ResourceRuntime): Promise<void> {
    const targets: WatchTarget[] = [{ path: this.path, recursive: this.isDir && getBool(this.spec, 'recurse') }];
    const source = getStr(this.spec, 'source');
    if (source !== '' && !getBool(this.spec, 'symlink')) targets.push({ path: source, recursive: isDirPath(source) });
    for (const f of getStrList(this.spec, 'fragments')) targets.push({ path: f, recursive: isDirPath(f) });
    await watchUntilAborted(targets, rt);
  }

  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    // One lstat serves every helper; it is taken again only after a helper
    // changed something (returned false while applying).
    const p = this.fsPath;
    let st = await lstatOrNone(p);
    let ok = await this.checkState(rt, apply, st);
    if (!ok && apply) st = await lstatOrNone(p);
    let step = await this.checkContent(rt, apply, st);
    if (!step && apply) st = await lstatOrNone(p);
    ok = step && ok;
    step = await this.checkOwner(rt, apply, st);
    if (!step && apply) st = await lstatOrNone(p);
    ok = step && ok;
    ok = (await this.checkMode(rt, apply, st)) && ok;
    return ok;
  }

  async cleanup(): Promise<void> {}

  // ---- private helpers ------------------------------------------------------

  private get path(): string {
    return filePath(this.spec);
  }
  private get fsPath(): string {
    return noSlash(this.path);
  }
  private get isDir(): boolean {
    return isDirPath(this.path);
  }
  private get state(): string {
    return getStr(this.spec, 'state');
  }
  private get hasBody(): boolean {
    return getStrPtr(this.spec, 'content') !== undefined || getStr(this.spec, 'source') !== '' || getStrList(this.spec, 'fragments').length > 0;
  }
  /** Whether the path will exist once applied (for noop answers about a missing file). */
  private get willExist(): boolean {
    return this.state === 'exists' || (this.state !== 'absent' && this.hasBody);
  }
  /** The mode for a newly made file or directory, when the mode param is octal. */
  private get newMode(): number | undefined {
    const m = getStr(this.spec, 'mode');
    return /^[0-7]{1,4}$/.test(m) ? parseInt(m, 8) : undefined;
  }

  /** Existence and type: create (a directory, or an empty file without a body), remove, or replace with force. */
  private async checkState(rt: ResourceRuntime, apply: boolean, st: Stats | undefined): Promise<boolean> {
    const p = this.fsPath;
    if (this.state === 'absent') {
      if (!st) return true;
      if (!apply) return would(rt, `remove the ${typeName(st)} (state: exists → absent)`);
      if (st.isDirectory()) {
        const entries = await readdir(p);
        if (entries.length > 0 && !getBool(this.spec, 'recurse') && !getBool(this.spec, 'force')) throw new Error(`cannot remove the non-empty directory ${p} without recurse or force`);
        await rm(p, { recursive: true });
      } else await unlink(p);
      rt.log.info('removed');
      return false;
    }
    if (getBool(this.spec, 'symlink')) return true; // checkContent owns symlinks
    const wantDir = this.isDir;
    if (st && st.isDirectory() === wantDir && !st.isSymbolicLink()) return true;
    if (st) {
      // The wrong type is replaced only with force; a file with a body is replaced by checkContent.
      if (!getBool(this.spec, 'force')) throw new Error(wantDir ? `cannot replace the file ${p} with a directory without force` : `cannot replace the ${st.isDirectory() ? 'directory' : 'symlink'} ${p} with a file without force`);
      if (!apply) return would(rt, `remove the ${typeName(st)} in the way`);
      await rm(p, { recursive: true, force: true });
      rt.log.info(`removed the ${st.isDirectory() ? 'directory' : st.isSymbolicLink() ? 'symlink' : 'file'} in the way`);
    } else if (this.state !== 'exists' && !(wantDir && this.hasBody)) {
      return true; // no state param: existence is left alone
    }
    if (!wantDir && this.hasBody) return st ? false : true; // created with its content, atomically
    if (!apply) return would(rt, `create the ${wantDir ? 'directory' : 'file'} (state: absent → exists)`);
    if (wantDir) await mkdir(p, { mode: this.newMode ?? 0o777 });
    else await writeAtomic(p, '', { mode: this.newMode, signal: rt.signal, old: st ? undefined : null });
    rt.log.info('created');
    return false;
  }

  /** Content from `content`, `source` (a file or, with recurse, a tree), `fragments`, or a symlink. */
  private async checkContent(rt: ResourceRuntime, apply: boolean, st: Stats | undefined): Promise<boolean> {
    if (this.state === 'absent') return true;
    const source = getStr(this.spec, 'source');
    if (getBool(this.spec, 'symlink')) return source === '' ? true : this.checkSymlink(rt, apply, source, st);
    const content = getStrPtr(this.spec, 'content');
    if (content !== undefined) return this.checkBytes(rt, apply, Buffer.from(content), st);
    if (source !== '' && isDirPath(source)) {
      const force = getBool(this.spec, 'force');
      return syncTree(source, this.path, { apply, purge: getBool(this.spec, 'purge'), force, log: rt.log, signal: rt.signal });
    }
    if (source !== '') return this.checkBytes(rt, apply, await readFile(source).catch((e: Error) => Promise.reject(new Error(`cannot read the source ${source}: ${e.message}`))), st);
    const frags = getStrList(this.spec, 'fragments');
    if (frags.length > 0) return this.checkBytes(rt, apply, await this.fragments(frags), st);
    return true;
  }

  private async checkBytes(rt: ResourceRuntime, apply: boolean, want: Buffer, st: Stats | undefined): Promise<boolean> {
    const p = this.fsPath;
    if (st?.isFile() && (await sameContent(p, st, want))) return true;
    if (st?.isDirectory()) {
      if (!getBool(this.spec, 'force')) throw new Error(`cannot replace the directory ${p} with a file without force`);
      if (!apply) return would(rt, `replace the directory with a file:\n${contentDiff(p, undefined, want)}`);
      await rm(p, { recursive: true });
    }
    if (!apply) return would(rt, `${st?.isFile() ? 'change the content' : 'create the file'}:\n${await contentDiffOnDisk(p, st, want)}`);
    // What lstat said is what writeAtomic needs, unless it was a symlink (its target's mode is kept) or is gone now.
    await writeAtomic(p, want, { mode: this.newMode, signal: rt.signal, old: st?.isFile() ? st : st ? undefined : null });
    rt.log.info(st?.isFile() ? 'content updated' : 'created');
    return false;
  }

  /** Concatenate each fragment; a directory contributes its files in name order. */
  private async fragments(frags: string[]): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (const f of frags) {
      const st = await stat(f).catch(() => undefined);
      if (!st) throw new Error(`the fragment ${f} does not exist`);
      if (!st.isDirectory()) {
        parts.push(await readFile(f));
        continue;
      }
      const dir = noSlash(f);
      const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort();
      for (const n of names) parts.push(await readFile(`${dir}/${n}`));
    }
    return Buffer.concat(parts);
  }

  private async checkSymlink(rt: ResourceRuntime, apply: boolean, target: string, st: Stats | undefined): Promise<boolean> {
    const p = this.fsPath;
    if (st?.isSymbolicLink() && (await readlink(p)) === target) return true;
    if (st && !st.isSymbolicLink() && !getBool(this.spec, 'force')) throw new Error(`cannot replace the ${st.isDirectory() ? 'directory' : 'file'} ${p} with a symlink without force`);
    if (!apply) return would(rt, st?.isSymbolicLink() ? `point the symlink to ${target} (now ${await readlink(p)})` : `${st ? `replace the ${typeName(st)} with` : 'create'} a symlink to ${target}`);
    if (st?.isDirectory()) await rm(p, { recursive: true });
    await replaceWithSymlink(p, target);
    rt.log.info(st ? `symlink updated to ${target}` : `symlink created to ${target}`);
    return false;
  }

  /** Owner and group by name or numeric id (of the path itself, not a tree). */
  private async checkOwner(rt: ResourceRuntime, apply: boolean, st: Stats | undefined): Promise<boolean> {
    const owner = getStr(this.spec, 'owner');
    const group = getStr(this.spec, 'group');
    if ((owner === '' && group === '') || this.state === 'absent') return true;
    if (!st) return apply || !this.willExist || would(rt, `set ${[owner && `the owner ${owner}`, group && `the group ${group}`].filter(Boolean).join(' and ')}`);
    const uid = owner === '' ? st.uid : await uidOf(owner);
    const gid = group === '' ? st.gid : await gidOf(group);
    if (st.uid === uid && st.gid === gid) return true;
    if (!apply) {
      if (st.uid !== uid) rt.log.info(`would change the owner: ${await userName(st.uid)} → ${await userName(uid)}`);
      if (st.gid !== gid) rt.log.info(`would change the group: ${await groupName(st.gid)} → ${await groupName(gid)}`);
      return false;
    }
    await lchown(this.fsPath, uid, gid);
    if (st.uid !== uid) rt.log.info(`owner changed to ${owner}`);
    if (st.gid !== gid) rt.log.info(`group changed to ${group}`);
    return false;
  }

  private async checkMode(rt: ResourceRuntime, apply: boolean, st: Stats | undefined): Promise<boolean> {
    const spec = getStr(this.spec, 'mode');
    if (spec === '' || this.state === 'absent') return true;
    if (!st) return apply || !this.willExist || would(rt, `set the mode ${spec}`);
    if (st.isSymbolicLink()) return true; // a link's own mode means nothing on Linux
    const want = wantedMode(spec, st.mode & 0o7777, st.isDirectory());
    if ((st.mode & 0o7777) === want) return true;
    if (!apply) return would(rt, `change the mode: ${fmtMode(st.mode)} → ${fmtMode(want)}`);
    await chmod(this.fsPath, want);
    rt.log.info(`mode changed to ${fmtMode(want)}`);
    return false;
  }
}
