// Watching the files a frontend reads (mcl sources, a YAML graph, Puppet
// manifests): one callback with the changed paths and what they hold now,
// once the writes settle. chokidar reports a file's change and then drops
// that file's change events for 50 ms, so a second save in that window would
// go unseen: 60 ms after the last reported event, the files that had events
// are read again and compared with what they held when the callback ran.

import { join } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import type { FSWatcher } from 'chokidar';
import { log } from './log.js';
import { readText } from './read-text.js';

/** Longer than chokidar's 50 ms per-file change throttle. */
const LOOK_AGAIN_MS = 60;

export class SourceWatcher {
  private readonly watcher: FSWatcher;
  private readonly ready: Promise<void>;
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
    known?: Map<string, string>,
  ) {
    this.watcher = chokidarWatch(files, { ignoreInitial: true, atomic: true });
    this.watcher.on('all', (event, path) => {
      log.debug(`source ${event}: ${path}`);
      this.changed.add(path);
      this.recent.add(path);
      this.schedule();
      clearTimeout(this.lookAgainTimer);
      this.lookAgainTimer = setTimeout(() => this.lookAgain(), LOOK_AGAIN_MS);
    });
    this.watcher.on('error', (e) => log.warn(`watching ${files.join(', ')}: ${(e as Error).message}`));
    this.ready = new Promise<void>((resolve) => this.watcher.once('ready', () => resolve()));
    if (known) {
      void this.ready.then(() => {
        for (const [p, text] of known) {
          this.seen.set(p, text);
          this.recent.add(p);
        }
        this.lookAgain();
      });
    }
  }

  /** Resolves once the initial scan is done: no edit after this goes unseen. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Watch these files too (those already watched are left as they are). */
  add(files: Iterable<string>): void {
    const have = new Set<string>();
    for (const [dir, names] of Object.entries(this.watcher.getWatched())) for (const n of names) have.add(join(dir, n));
    const add = [...files].filter((f) => !have.has(f));
    if (add.length) this.watcher.add(add);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.debounceTimer);
    clearTimeout(this.lookAgainTimer);
    await this.watcher.close();
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
