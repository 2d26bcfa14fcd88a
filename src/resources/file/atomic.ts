// Atomic file writes: the new content goes to a temp file in the same
// directory (same filesystem, so rename is atomic), is synced, takes over the
// old file's mode and owner, and is renamed over the target. A failure or an
// abort part-way removes the temp file, so readers only ever see the old
// file or the whole new one. A temp file left by a writer that was killed
// is removed by a later writer (leftovers.ts): each name says whose it is,
// and the first write of a process into a directory cleans it.
//
// The callback fs API on a raw fd, not FileHandle: the promise API costs
// several times more per call, which shows when a thousand files are written.

import { close, fchmod, fchown, fsync, open, rename, stat, unlink, write, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { crypto } from '../../util/builtins.js';
import { removeLeftovers, thisWriter, TEMP_PREFIX, writerTag } from './leftovers.js';
import type { Writer } from './leftovers.js';

export { TEMP_PREFIX } from './leftovers.js';

const CHUNK = 1 << 16;

// Temp names: this process's writer tag, then a counter (a random draw per
// file costs more than the rest of checking it). `wx` refuses a name that
// exists. Keyed by pid, not made once: a process started from the start-up
// snapshot (src/cli/snapshot.ts) would otherwise reuse the build's warm-up's
// tag and its list of directories already cleaned. Without /proc the tag is
// random and nothing is cleaned.
let run: { pid: number; tag: string; me?: Writer; cleaned: Map<string, Promise<unknown>> } | undefined;
let seq = 0;
const thisRun = () => {
  if (run?.pid !== process.pid) {
    const me = thisWriter();
    run = { pid: process.pid, tag: me ? writerTag(me) : crypto().randomBytes(4).toString('hex'), me, cleaned: new Map() };
  }
  return run;
};

/** Once per process and directory, before the first write into it: remove what gone writers left there. */
function cleanOnce(dir: string): Promise<unknown> | undefined {
  const r = thisRun();
  if (!r.me) return undefined;
  let p = r.cleaned.get(dir);
  if (!p) r.cleaned.set(dir, (p = removeLeftovers(dir, r.me)));
  return p;
}

export function abortError(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  if (r instanceof Error && r.name !== 'AbortError') return r;
  return new Error('aborted');
}

export interface WriteOpts {
  /** Permissions for a new file (an existing file keeps its own). Default 0o644 less the umask. */
  mode?: number;
  signal?: AbortSignal;
  /**
   * What the caller already knows of the target: its stat (a regular file,
   * not a symlink), or null when it is missing. Left out, writeAtomic stats it.
   */
  old?: Stats | null;
}

type Cb<T> = (e: NodeJS.ErrnoException | null, v: T) => void;
const call = <T>(f: (cb: Cb<T>) => void): Promise<T> => new Promise((res, rej) => f((e, v) => (e ? rej(e) : res(v))));

export async function writeAtomic(path: string, data: Buffer | string, opts: WriteOpts = {}): Promise<void> {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  const dir = dirname(path);
  const cleaning = cleanOnce(dir);
  if (cleaning) await cleaning;
  const tmp = join(dir, `${TEMP_PREFIX}${basename(path)}.${thisRun().tag}.${(seq++).toString(36)}`);
  const old = opts.old !== undefined ? opts.old ?? undefined : await call<Stats>((cb) => stat(path, cb)).catch(() => undefined);
  const fd = await call<number>((cb) => open(tmp, 'wx', old ? old.mode & 0o7777 : opts.mode ?? 0o644, cb)).catch((e: NodeJS.ErrnoException) => {
    // Say what the user can act on, not the name of our temp file.
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') throw new Error(`cannot write ${path}: its directory ${dirname(path)} does not exist`);
    throw e;
  });
  let done = false;
  try {
    try {
      for (let off = 0; off < buf.length; ) {
        if (opts.signal?.aborted) throw abortError(opts.signal);
        off += await call<number>((cb) => write(fd, buf, off, Math.min(CHUNK, buf.length - off), null, cb));
      }
      if (old) {
        await call<void>((cb) => fchmod(fd, old.mode & 0o7777, cb));
        if (process.getuid?.() === 0) await call<void>((cb) => fchown(fd, old.uid, old.gid, cb));
      }
      await call<void>((cb) => fsync(fd, cb));
    } finally {
      await call<void>((cb) => close(fd, cb));
    }
    if (opts.signal?.aborted) throw abortError(opts.signal);
    await call<void>((cb) => rename(tmp, path, cb));
    done = true;
  } finally {
    if (!done) await call<void>((cb) => unlink(tmp, cb)).catch(() => undefined);
  }
}
