// Watching one path for changes, for the streaming functions (os.readfile,
// os.file_exists, os.user_exists ...).
//
// fs.watch on the parent directory sees the file being created, replaced
// (editors write a new file and rename it over the old one) and removed, which
// watching the file itself would miss. When the parent does not exist yet
// there is nothing to hang a watch on, so we stat it once a second until it
// appears and then switch to the directory watch.

import { watch as fsWatch, existsSync } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

const PARENT_POLL_MS = 1000;
/** Bursts of events (write + chmod + rename) are folded into one callback. */
const DEBOUNCE_MS = 20;

/**
 * Calls `onChange` whenever `path` may have changed, until `signal` aborts.
 * The caller re-reads the path and decides whether anything really changed.
 */
export function watchPath(path: string, signal: AbortSignal, onChange: () => void): void {
  const dir = dirname(path);
  const name = basename(path);
  let watcher: FSWatcher | undefined;
  let poll: NodeJS.Timeout | undefined;
  let debounce: NodeJS.Timeout | undefined;

  const fire = (): void => {
    if (signal.aborted) return;
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      if (!signal.aborted) onChange();
    }, DEBOUNCE_MS);
  };

  const start = (): void => {
    if (signal.aborted) return;
    if (!existsSync(dir)) {
      poll = setTimeout(start, PARENT_POLL_MS);
      return;
    }
    try {
      watcher = fsWatch(dir, (_event, file) => {
        // Some platforms give no file name: then any event may be ours.
        if (file === null || file === name) fire();
      });
      watcher.on('error', () => {
        // The directory went away: fall back to waiting for it.
        watcher?.close();
        watcher = undefined;
        fire();
        poll = setTimeout(start, PARENT_POLL_MS);
      });
      // It may have appeared between our check and the watch.
      fire();
    } catch {
      poll = setTimeout(start, PARENT_POLL_MS);
    }
  };

  signal.addEventListener(
    'abort',
    () => {
      watcher?.close();
      clearTimeout(poll);
      clearTimeout(debounce);
    },
    { once: true },
  );
  start();
}

/**
 * Calls `tick` now and then every `ms` until `signal` aborts. Only for facts
 * that have no change notification (/proc, sysfs, interface lists).
 */
export function every(ms: number, signal: AbortSignal, tick: () => void): void {
  if (signal.aborted) return;
  const timer = setInterval(() => {
    if (!signal.aborted) tick();
  }, ms);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  tick();
}

/** Emits only values that differ from the previous one (by a key function). */
export function dedupe<V>(emit: (v: V) => void, key: (v: V) => string): (v: V) => void {
  let last: string | undefined;
  return (v: V): void => {
    const k = key(v);
    if (k === last) return;
    last = k;
    emit(v);
  };
}
