// Watching the files a frontend reads (mcl sources, a YAML graph, Puppet
// manifests): one callback with the changed paths and what they hold now,
// once the writes settle. chokidar reports a file's change and then drops
// that file's change events for 50 ms, so a second save in that window would
// go unseen: 60 ms after the last reported event, the files that had events
// are read again and compared with what they held when the callback ran.
//
// Only named paths are watched, never a tree for good measure: chokidar
// stats and inotify-watches every file under a directory it is given (the
// deploy's files/ used to be, whatever the program read of it). Paths found
// later (a deploy file the program read) are added in batches, each with
// its own readiness and its own look-again, so nothing is waited for.

import { watch as chokidarWatch } from 'chokidar';
import type { FSWatcher } from 'chokidar';
import { log } from './log.js';
import { readText } from './read-text.js';

/** Longer than chokidar's 50 ms per-file change throttle. */
const LOOK_AGAIN_MS = 60;

/**
 * chokidar 4 throttles each directory's readdir with a 1 s timer, and its
 * close() forgets those timers without clearing them: a watched directory
 * (deploy.directory) kept a finished run alive for a second. Clear them
 * (nothing happens if chokidar's internals ever look different).
 */
function clearThrottles(w: FSWatcher): void {
  const throttled = (w as unknown as { _throttled?: unknown })._throttled;
  if (!(throttled instanceof Map)) return;
  for (const byPath of throttled.values()) {
    if (!(byPath instanceof Map)) continue;
    for (const t of [...byPath.values()]) if (typeof t?.clear === 'function') t.clear();
  }
}

export class SourceWatcher {
  private readonly watchers: FSWatcher[] = [];
  private readonly readiness: Promise<void>[] = [];
  /** Every path handed to chokidar. */
  private readonly asked = new Set<string>();
  private changed = new Set<string>();
  private readonly recent = new Set<string>();
  /** What each changed file held when the callback was last told about it. */
  private readonly seen = new Map<string, string | undefined>();
  private debounceTimer?: NodeJS.Timeout;
  private lookAgainTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    files: string[],
    /** The changed paths, each with its content as read for this call (undefined: unreadable, a directory). */
    private readonly onChange: (changed: Map<string, string | undefined>) => void,
    /** Wait this long after the last event (an editor's save may write twice). Under 50 ms needs the look-again. */
    private readonly debounce = 20,
    /**
     * What the caller read from these files before watching began. Once the
     * watcher is ready they are read again, so that an edit made before it
     * was watching is not lost (and the caller need not wait for `ready`).
     */
    known?: Map<string, string | undefined>,
  ) {
    this.watch(files, known);
  }

  /** Resolves once every scan begun so far is done: no edit after this goes unseen. */
  whenReady(): Promise<void> {
    return Promise.all(this.readiness).then(() => undefined);
  }

  /**
   * Watch these paths too (those already asked for are left as they are);
   * `known` as in the constructor. A path that does not exist yet is
   * watched for its creation.
   */
  add(files: Iterable<string>, known?: Map<string, string | undefined>): void {
    const add = [...new Set(files)].filter((f) => !this.asked.has(f));
    if (add.length && !this.closed) this.watch(add, known && new Map([...known].filter(([p]) => add.includes(p))));
  }

  /** The paths asked for (not what chokidar found under them). */
  paths(): string[] {
    return [...this.asked];
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.debounceTimer);
    clearTimeout(this.lookAgainTimer);
    for (const w of this.watchers) clearThrottles(w);
    await Promise.all(this.watchers.map((w) => w.close()));
  }

  private watch(files: string[], known?: Map<string, string | undefined>): void {
    for (const f of files) this.asked.add(f);
    const watcher = chokidarWatch(files, { ignoreInitial: true, atomic: true });
    this.watchers.push(watcher);
    watcher.on('all', (event, path) => {
      log.debug(`source ${event}: ${path}`);
      this.changed.add(path);
      this.recent.add(path);
      this.schedule();
      clearTimeout(this.lookAgainTimer);
      this.lookAgainTimer = setTimeout(() => this.lookAgain(), LOOK_AGAIN_MS);
    });
    watcher.on('error', (e) => log.warn(`watching ${files.join(', ')}: ${(e as Error).message}`));
    const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    this.readiness.push(ready);
    if (known?.size) {
      void ready.then(() => {
        for (const [p, text] of known) {
          this.seen.set(p, text);
          this.recent.add(p);
        }
        this.lookAgain();
      });
    }
  }

  private schedule(): void {
    clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => this.fire(), this.debounce);
  }

  private fire(): void {
    if (this.closed) return;
    const paths = this.changed;
    this.changed = new Set();
    const changed = new Map<string, string | undefined>();
    for (const p of paths) {
      const text = readText(p);
      this.seen.set(p, text);
      changed.set(p, text);
    }
    this.onChange(changed);
  }

  /** A write chokidar did not report: the file differs from what it held when last reported. */
  private lookAgain(): void {
    if (this.closed) return;
    for (const p of this.recent) if (readText(p) !== this.seen.get(p)) this.changed.add(p);
    this.recent.clear();
    if (this.changed.size) this.schedule();
  }
}
