// Counting semaphores shared by the whole graph (Meta:sema). A resource takes
// all of its semaphores before CheckApply, always in sorted order so that two
// resources that share several can never deadlock, and gives them back after.

import { semaSize } from '../resources/meta.js';

export class Semaphore {
  private used = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(readonly size: number) {}

  async acquire(): Promise<void> {
    if (this.used < this.size) {
      this.used++;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    // Hand the slot straight to the next waiter: `used` stays the same.
    if (next) next();
    else this.used = Math.max(0, this.used - 1);
  }

  /** Slots in use (for tests and debug logs). */
  get inUse(): number {
    return this.used;
  }
}

/** Every semaphore of a graph, by its full id (`lock:2` is its own semaphore, of size 2). */
export class SemaphoreTable {
  private readonly table = new Map<string, Semaphore>();

  get(id: string): Semaphore {
    let s = this.table.get(id);
    if (!s) {
      s = new Semaphore(semaSize(id));
      this.table.set(id, s);
    }
    return s;
  }

  /** Take every id in sorted order; resolves to the function that releases them all. */
  async acquireAll(ids: Iterable<string>): Promise<() => void> {
    const sorted = [...new Set(ids)].sort();
    const held: Semaphore[] = [];
    for (const id of sorted) {
      const s = this.get(id);
      await s.acquire();
      held.push(s);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const s of held.reverse()) s.release();
    };
  }
}
