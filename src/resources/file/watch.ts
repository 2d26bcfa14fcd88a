// Watching paths for the file-like kinds (file, line, exec's watchfiles).
//
// chokidar 4 loses the unlink of a single watched file when it follows a
// write by a few ms (docs: components §6), so we never watch a file itself:
// we watch the nearest existing ancestor directory, deep enough to see the
// target, and filter events by name. `atomic: false` reports removals at
// once instead of 100 ms later. Events on a missing ancestor being created
// count too, since they can bring the target into existence.
//
// chokidar follows a file's content through a watch on the file itself,
// which points at the old inode for a moment after a rename-replace (our
// own atomic writes): a write right then is lost. So plain targets are
// watched with plain inotify watches (fs.watch) on directories instead, which
// see every change to their entries by name: the target's entry in its
// directory, and that directory's entry in its parent, so that the directory
// going away or coming back (a new inode, which the old watch cannot see) is
// seen too and the watches move with it. Under a missing directory, the
// nearest existing ancestor is watched for the next missing component.

import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { existsSync, statSync, watch as fsWatch, type FSWatcher as RawWatcher } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

export interface WatchTarget {
  path: string;
  /** Also report changes anywhere below `path` (a directory tree). */
  recursive?: boolean;
}

/** Strip a trailing slash (except for `/`) so paths compare by name. */
export function normPath(p: string): string {
  const r = resolve(p);
  return r.length > 1 && r.endsWith(sep) ? r.slice(0, -1) : r;
}

function nearestExisting(p: string): string {
  let cur = p;
  while (!existsSync(cur)) {
    const up = dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  return cur;
}

const depthBetween = (anc: string, p: string): number => (anc === '/' ? p.split('/').length - 1 : p.slice(anc.length).split('/').length - 1);

/** One subscriber of the shared watchers: the targets of one watchPaths call. */
interface Sub {
  onChange(path: string): void;
  onError(e: Error): void;
  /** An event for entry `name` of the raw-watched `dir`. */
  onEntry(dir: string, name: string): void;
  attachRaw(): void;
}

/**
 * One chokidar watcher per (root, depth), shared by every subscriber in the
 * process: a thousand files in one directory cost one scan of it, not a
 * thousand (each watcher lists and lstats its whole directory). Events are
 * routed by path through three indexes, so an event costs a few map lookups
 * whatever the number of subscribers.
 */
interface SharedTree {
  key: string;
  root: string;
  watcher: FSWatcher;
  ready: Promise<void>;
  subs: Set<Sub>;
  /** target → subs naming it exactly. */
  exact: Map<string, Set<Sub>>;
  /** a missing-or-present ancestor of a target (below the root) → subs, for "an ancestor came or went". */
  ancestors: Map<string, Set<Sub>>;
  /** a recursive target → subs, for events anywhere below it. */
  recursive: Map<string, Set<Sub>>;
}
const trees = new Map<string, SharedTree>();

/** One plain inotify watch per directory, shared: entry name → subs. */
interface SharedDir {
  watcher: RawWatcher;
  /** The directory's inode when the watch began: another one means it was replaced. */
  ino: number;
  names: Map<string, Set<Sub>>;
}
const dirs = new Map<string, SharedDir>();

function addTo(m: Map<string, Set<Sub>>, k: string, s: Sub): void {
  let set = m.get(k);
  if (!set) m.set(k, (set = new Set()));
  set.add(s);
}
function removeFrom(m: Map<string, Set<Sub>>, k: string, s: Sub): void {
  const set = m.get(k);
  if (!set) return;
  set.delete(s);
  if (set.size === 0) m.delete(k);
}

function emit(set: Set<Sub> | undefined, ev: string, hit: Set<Sub>): void {
  if (!set) return;
  for (const s of set) {
    if (hit.has(s)) continue;
    hit.add(s);
    s.onChange(ev);
  }
}

function openTree(root: string, depth: number | undefined): SharedTree {
  const key = `${root}\0${depth ?? '*'}`;
  const have = trees.get(key);
  if (have) return have;
  const watcher = chokidarWatch(root, { ignoreInitial: true, atomic: false, persistent: true, depth, followSymlinks: false });
  const tree: SharedTree = { key, root, watcher, ready: new Promise((res) => watcher.once('ready', () => res())), subs: new Set(), exact: new Map(), ancestors: new Map(), recursive: new Map() };
  watcher.on('all', (ev, p) => {
    const path = normPath(p);
    const hit = new Set<Sub>();
    emit(tree.exact.get(path), path, hit);
    emit(tree.ancestors.get(path), path, hit);
    for (let up = path; ; ) {
      emit(tree.recursive.get(up), path, hit);
      const next = dirname(up);
      if (next === up) break;
      up = next;
    }
    if (ev === 'addDir') for (const s of [...tree.subs]) s.attachRaw();
  });
  watcher.on('error', (e) => {
    const err = e instanceof Error ? e : new Error(String(e));
    for (const s of [...tree.subs]) s.onError(err);
  });
  trees.set(key, tree);
  tree.ready.catch(() => undefined);
  return tree;
}

function closeTreeIfUnused(tree: SharedTree): Promise<void> {
  if (tree.subs.size > 0) return Promise.resolve();
  if (trees.get(tree.key) === tree) trees.delete(tree.key);
  return tree.watcher.close();
}

/**
 * Inodes read in this stretch of code, forgotten by a microtask queued when
 * the first is read: before any I/O event or timer runs, so none sees an old one. A swap that starts a
 * thousand files' Watches in one stretch stats their directory once, not two
 * thousand times (a tenth of starting them).
 */
let inodes: Map<string, number | undefined> | undefined;

/** The inode of a directory, or undefined when it is not one (or not there). */
function dirInode(dir: string): number | undefined {
  if (!inodes) {
    inodes = new Map();
    queueMicrotask(() => (inodes = undefined));
  }
  if (inodes.has(dir)) return inodes.get(dir);
  let ino: number | undefined;
  try {
    const st = statSync(dir);
    ino = st.isDirectory() ? st.ino : undefined;
  } catch {
    ino = undefined;
  }
  inodes.set(dir, ino);
  return ino;
}

/** Drop a directory's shared watch (gone or replaced): its subscribers attach again. */
function dropDir(dir: string, d: SharedDir): void {
  d.watcher.close();
  if (dirs.get(dir) === d) dirs.delete(dir);
  for (const set of d.names.values()) for (const sub of [...set]) sub.attachRaw();
}

/** Subscribe `s` to `name` in `dir` (of inode `ino`, just read) through the shared inotify watch; false if `dir` is missing. */
function subscribeDir(dir: string, ino: number | undefined, name: string, s: Sub): boolean {
  let d = dirs.get(dir);
  if (ino === undefined) return false;
  if (d && d.ino !== ino) {
    // Replaced since it was watched: the old watch sees nothing of the new one.
    d.watcher.close();
    dirs.delete(dir);
    d = undefined;
  }
  if (!d) {
    let w: RawWatcher;
    try {
      w = fsWatch(dir, { persistent: true }, (_ev, n) => {
        const set = n === null ? undefined : made.names.get(n);
        if (set) for (const sub of [...set]) sub.onEntry(dir, n!);
      });
    } catch {
      return false; // vanished between the stat and the watch
    }
    const made: SharedDir = { watcher: w, ino, names: new Map() };
    // The directory went away: the watch is dead; its subscribers attach anew.
    w.on('error', () => dropDir(dir, made));
    dirs.set(dir, made);
    d = made;
  }
  addTo(d.names, name, s);
  return true;
}

function unsubscribeDir(dir: string, name: string, s: Sub): void {
  const d = dirs.get(dir);
  if (!d) return;
  removeFrom(d.names, name, s);
  if (d.names.size > 0) return;
  d.watcher.close();
  dirs.delete(dir);
}

/**
 * Start watching; `onChange` gets the path of each relevant event. Resolves
 * once every watcher is ready. Close the returned watcher to stop.
 */
export async function watchPaths(targets: WatchTarget[], onChange: (path: string) => void, onError: (e: Error) => void): Promise<{ close(): Promise<void> }> {
  const normalised = targets.map((t) => ({ t, target: normPath(t.path) }));
  let closed = false;
  // dir → entry name → the targets that entry stands for (itself, or a directory on their way).
  let held = new Map<string, Map<string, Set<string>>>();
  const sub: Sub = {
    onChange: (p) => {
      if (!closed) onChange(p);
    },
    onError: (e) => {
      if (!closed) onError(e);
    },
    onEntry: (dir, name) => {
      if (closed) return;
      const ts = held.get(dir)?.get(name);
      if (!ts) return;
      for (const t of ts) onChange(t);
      // A directory on the way came, went or was replaced: the watches move.
      if (![...ts].every((t) => t === join(dir, name))) sub.attachRaw();
    },
    attachRaw: () => {
      if (closed) return;
      const want = new Map<string, Map<string, Set<string>>>();
      const add = (dir: string, name: string, target: string) => {
        let names = want.get(dir);
        if (!names) want.set(dir, (names = new Map()));
        let ts = names.get(name);
        if (!ts) names.set(name, (ts = new Set()));
        ts.add(target);
      };
      for (const { t, target } of normalised) {
        if (t.recursive || target === '/') continue;
        // Down from the nearest existing directory: its next entry on the way
        // (the target itself when its directory is there), and that
        // directory's own entry in its parent.
        let dir = dirname(target);
        let name = basename(target);
        while (dirInode(dir) === undefined && dir !== dirname(dir)) {
          name = basename(dir);
          dir = dirname(dir);
        }
        add(dir, name, target);
        if (dir !== dirname(dir)) add(dirname(dir), basename(dir), target);
      }
      for (const [dir, names] of held) {
        for (const name of names.keys()) if (!want.get(dir)?.has(name)) unsubscribeDir(dir, name, sub);
      }
      const got = new Map<string, Map<string, Set<string>>>();
      for (const [dir, names] of want) {
        for (const [name, ts] of names) {
          if (!subscribeDir(dir, dirInode(dir), name, sub)) continue;
          let g = got.get(dir);
          if (!g) got.set(dir, (g = new Map()));
          g.set(name, ts);
        }
      }
      held = got;
    },
  };
  sub.attachRaw();
  // Plain targets need nothing more: the inotify watches report every change
  // to the entry (create, remove, rename, write, chmod, chown) at once, and
  // cost no scan, where a chokidar watcher lists and lstats a whole directory
  // before it is ready. chokidar is for trees (and `/`).
  const viaTree = normalised.filter(({ t, target }) => t.recursive || target === '/');
  // One chokidar watcher per root directory, deep enough for all its targets.
  const roots = new Map<string, number | undefined>();
  const rootOf = new Map<string, string>();
  for (const { t, target } of viaTree) {
    const root = nearestExisting(target === '/' ? '/' : dirname(target));
    rootOf.set(target, root);
    const need = t.recursive ? undefined : Math.max(0, depthBetween(root, target) - 1);
    const have = roots.has(root) ? roots.get(root) : -1;
    roots.set(root, need === undefined || have === undefined ? undefined : Math.max(have, need));
  }
  const mine: SharedTree[] = [];
  for (const [root, depth] of roots) {
    const tree = openTree(root, depth);
    tree.subs.add(sub);
    for (const { t, target } of viaTree) {
      if (rootOf.get(target) !== root) continue;
      addTo(tree.exact, target, sub);
      if (t.recursive) addTo(tree.recursive, target, sub);
      for (let up = dirname(target); ; up = dirname(up)) {
        addTo(tree.ancestors, up, sub);
        if (up === root || up === dirname(up)) break;
      }
    }
    mine.push(tree);
  }
  if (mine.length > 0) await Promise.all(mine.map((t) => t.ready));
  return {
    async close() {
      if (closed) return;
      closed = true;
      for (const [dir, names] of held) for (const n of names.keys()) unsubscribeDir(dir, n, sub);
      const closing: Promise<void>[] = [];
      for (const tree of mine) {
        tree.subs.delete(sub);
        for (const { t, target } of viaTree) {
          removeFrom(tree.exact, target, sub);
          if (t.recursive) removeFrom(tree.recursive, target, sub);
          for (let up = dirname(target); ; up = dirname(up)) {
            removeFrom(tree.ancestors, up, sub);
            if (up === tree.root || up === dirname(up)) break;
          }
        }
        closing.push(closeTreeIfUnused(tree));
      }
      await Promise.all(closing);
    },
  };
}

/** Resolve when `signal` aborts (at once if it already has). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((res) => signal.addEventListener('abort', () => res(), { once: true }));
}

/**
 * The whole Watch of a path-based resource: watch, say running, send an event
 * per change, and end (closing the watchers) when the signal aborts. Watch
 * errors reject, so the engine's retry policy applies.
 */
export async function watchUntilAborted(targets: WatchTarget[], rt: { signal: AbortSignal; running(): void; event(): void }, onChange?: (path: string) => void): Promise<void> {
  let fail: (e: Error) => void = () => undefined;
  const failed = new Promise<never>((_, rej) => (fail = rej));
  const w = await watchPaths(
    targets,
    (p) => {
      onChange?.(p);
      rt.event();
    },
    (e) => fail(e),
  );
  try {
    rt.running();
    await Promise.race([untilAborted(rt.signal), failed]);
  } finally {
    await w.close();
  }
}

/** The Watch of a kind with nothing to watch: ready at once, ends when stopped. */
export async function watchNothing(rt: { signal: AbortSignal; running(): void }): Promise<void> {
  rt.running();
  await untilAborted(rt.signal);
}
