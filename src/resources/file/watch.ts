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
// own atomic writes): a write right then is lost. So each target's parent
// directory also gets a plain inotify watch (fs.watch), which sees every
// change to its entries by name.

import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { existsSync, watch as fsWatch, type FSWatcher as RawWatcher } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

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

/** Whether an event on `ev` concerns `t`. */
function concerns(t: WatchTarget, target: string, ev: string): boolean {
  if (ev === target) return true;
  if (target.startsWith(ev === '/' ? '/' : ev + '/')) return true; // an ancestor came or went
  return !!t.recursive && ev.startsWith(target + '/');
}

/**
 * Start watching; `onChange` gets the path of each relevant event. Resolves
 * once every watcher is ready. Close the returned watcher to stop.
 */
export async function watchPaths(targets: WatchTarget[], onChange: (path: string) => void, onError: (e: Error) => void): Promise<{ close(): Promise<void> }> {
  const normalised = targets.map((t) => ({ t, target: normPath(t.path) }));
  // One chokidar watcher per root directory, deep enough for all its targets.
  const roots = new Map<string, number | undefined>();
  for (const { t, target } of normalised) {
    const root = nearestExisting(target === '/' ? '/' : dirname(target));
    const need = t.recursive ? undefined : Math.max(0, depthBetween(root, target) - 1);
    const have = roots.has(root) ? roots.get(root) : -1;
    roots.set(root, need === undefined || have === undefined ? undefined : Math.max(have, need));
  }
  const watchers: FSWatcher[] = [];
  const ready: Promise<void>[] = [];
  for (const [root, depth] of roots) {
    const w = chokidarWatch(root, { ignoreInitial: true, atomic: false, persistent: true, depth, followSymlinks: false });
    watchers.push(w);
    ready.push(new Promise((res) => w.once('ready', () => res())));
    w.on('all', (_ev, p) => {
      const ev = normPath(p);
      if (normalised.some(({ t, target }) => concerns(t, target, ev))) onChange(ev);
    });
    w.on('error', (e) => onError(e instanceof Error ? e : new Error(String(e))));
  }
  const raw = new Map<string, RawWatcher>();
  const attachRaw = () => {
    for (const { target } of normalised) {
      const dir = dirname(target);
      if (raw.has(dir) || !existsSync(dir)) continue;
      try {
        const w = fsWatch(dir, { persistent: true }, (_ev, name) => {
          const ev = name === null ? dir : normPath(`${dir}/${name}`);
          if (normalised.some((n) => n.target === ev)) onChange(ev);
        });
        w.on('error', () => {
          raw.get(dir)?.close();
          raw.delete(dir); // the directory went away: chokidar reports that, and a later attach retries
        });
        raw.set(dir, w);
      } catch {
        /* vanished between the check and the watch: chokidar still covers it */
      }
    }
  };
  attachRaw();
  for (const w of watchers) w.on('addDir', attachRaw);
  await Promise.all(ready);
  return {
    async close() {
      for (const w of raw.values()) w.close();
      await Promise.all(watchers.map((w) => w.close()));
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
