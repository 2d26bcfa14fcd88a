// The part of a World that never leaves the host: the runtime values of
// `value` resources (value.get*), kept in memory by every World alike.

import type { Value } from '../lang/types/value.js';

export class LocalValues {
  readonly localValues = new Map<string, Value>();
  private localWatchers = new Map<string, Set<() => void>>();

  /** Set (or, with undefined, remove) a local value, and tell its watchers. */
  setLocal(key: string, value: Value | undefined): void {
    if (value === undefined) {
      if (!this.localValues.delete(key)) return;
    } else this.localValues.set(key, value);
    for (const cb of this.localWatchers.get(key) ?? []) cb();
  }

  watchLocal(key: string, cb: () => void): () => void {
    let set = this.localWatchers.get(key);
    if (!set) this.localWatchers.set(key, (set = new Set()));
    set.add(cb);
    return () => void set!.delete(cb);
  }
}
