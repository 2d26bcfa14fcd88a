// The embedded World: the default store for a single machine. Everything
// lives in this process; with a directory it is persisted as one JSON file
// there (written atomically: temp file, fsync, rename), so keys and exported
// resources survive a restart. Watch callbacks fire on key prefixes.
//
// localValues (the runtime values of `value` resources) stay in memory: they
// hold mcl values (bigints, maps, functions) that have no faithful JSON form,
// and the resources that own them set them again on their first CheckApply.

import { mkdirSync, readFileSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportedResource, World } from './world.js';
import { LocalValues } from './local-values.js';
import { exportedPrefix } from './keys.js';
import { LocalScheduler } from './scheduler.js';

interface Persisted {
  version: 1;
  kv: Record<string, string>;
  /** Exported resources by exporting host. */
  exports: Record<string, ExportedResource[]>;
}

export class EmbeddedWorld extends LocalValues implements World {
  /** One machine: the only host is this one (scheduler.ts). */
  readonly scheduler = new LocalScheduler();
  private kv = new Map<string, string>();
  private exports = new Map<string, ExportedResource[]>();
  private watchers = new Set<{ prefix: string; cb: () => void }>();
  private readonly file: string | undefined;
  /** Writes are chained so the file always holds the latest complete state. */
  private saving: Promise<void> = Promise.resolve();
  private closed = false;

  /** `dir` undefined: memory only (tests, `--tmp-prefix`). */
  constructor(dir?: string) {
    super();
    if (dir === undefined) return;
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'world.json');
    this.load(this.file);
  }

  async get(key: string): Promise<string | undefined> {
    return this.kv.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.open();
    if (this.kv.get(key) === value) return;
    this.kv.set(key, value);
    await this.changed(key);
  }

  async delete(key: string): Promise<void> {
    this.open();
    if (!this.kv.delete(key)) return;
    await this.changed(key);
  }

  async list(prefix: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const k of [...this.kv.keys()].sort()) if (k.startsWith(prefix)) out.set(k, this.kv.get(k)!);
    return out;
  }

  watch(prefix: string, cb: () => void): () => void {
    const w = { prefix, cb };
    this.watchers.add(w);
    return () => void this.watchers.delete(w);
  }

  async exportResources(host: string, res: ExportedResource[]): Promise<void> {
    this.open();
    const before = this.exports.get(host) ?? [];
    if (JSON.stringify(before) === JSON.stringify(res)) return;
    if (res.length === 0) this.exports.delete(host);
    else this.exports.set(host, res.map((r) => ({ ...r, host })));
    const kinds = new Set([...before, ...res].map((r) => r.kind));
    await this.persist();
    for (const k of kinds) this.notify(exportedPrefix(k));
  }

  async collectResources(kind: string, host: string): Promise<ExportedResource[]> {
    const out: ExportedResource[] = [];
    for (const h of [...this.exports.keys()].sort()) {
      for (const r of this.exports.get(h)!) if (r.kind === kind && (r.to.includes('*') || r.to.includes(host))) out.push(r);
    }
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watchers.clear();
    await this.saving;
  }

  // ---- private helpers ------------------------------------------------------

  private open(): void {
    if (this.closed) throw new Error('the world store is closed');
  }

  private load(file: string): void {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    let data: Persisted;
    try {
      data = JSON.parse(text) as Persisted;
    } catch (e) {
      throw new Error(`the world store ${file} is corrupt: ${(e as Error).message}`);
    }
    for (const [k, v] of Object.entries(data.kv ?? {})) this.kv.set(k, String(v));
    for (const [h, list] of Object.entries(data.exports ?? {})) this.exports.set(h, list);
  }

  private async changed(key: string): Promise<void> {
    await this.persist();
    this.notify(key);
  }

  private notify(key: string): void {
    for (const w of [...this.watchers]) {
      if (!key.startsWith(w.prefix)) continue;
      // A callback that throws must not break the writer or the other watchers.
      queueMicrotask(() => {
        try {
          w.cb();
        } catch {
          /* the watcher's own problem */
        }
      });
    }
  }

  private persist(): Promise<void> {
    const file = this.file;
    if (file === undefined) return Promise.resolve();
    const data: Persisted = { version: 1, kv: Object.fromEntries(this.kv), exports: Object.fromEntries(this.exports) };
    const text = JSON.stringify(data, null, 1) + '\n';
    this.saving = this.saving.catch(() => undefined).then(() => writeFileAtomic(file, text));
    return this.saving;
  }
}

async function writeFileAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
