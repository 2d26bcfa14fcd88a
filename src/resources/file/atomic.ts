// Atomic file writes: the new content goes to a temp file in the same
// directory (same filesystem, so rename is atomic), is synced, takes over the
// old file's mode and owner, and is renamed over the target. A failure or an
// abort part-way removes the temp file, so readers only ever see the old
// file or the whole new one.

import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

const CHUNK = 1 << 16;

/** The name prefix of our temp files: the watch filters and tests know it. */
export const TEMP_PREFIX = '.mgmt-tmp-';

export function abortError(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  if (r instanceof Error && r.name !== 'AbortError') return r;
  return new Error('aborted');
}

export interface WriteOpts {
  /** Permissions for a new file (an existing file keeps its own). Default 0o644 less the umask. */
  mode?: number;
  signal?: AbortSignal;
}

export async function writeAtomic(path: string, data: Buffer | string, opts: WriteOpts = {}): Promise<void> {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  const tmp = join(dirname(path), `${TEMP_PREFIX}${basename(path)}.${randomBytes(4).toString('hex')}`);
  const old = await stat(path).catch(() => undefined);
  const fh = await open(tmp, 'wx', old ? old.mode & 0o7777 : opts.mode ?? 0o644);
  let done = false;
  try {
    try {
      for (let off = 0; off < buf.length; off += CHUNK) {
        if (opts.signal?.aborted) throw abortError(opts.signal);
        await fh.write(buf, off, Math.min(CHUNK, buf.length - off));
      }
      if (old) {
        await fh.chmod(old.mode & 0o7777);
        if (process.getuid?.() === 0) await fh.chown(old.uid, old.gid);
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (opts.signal?.aborted) throw abortError(opts.signal);
    await rename(tmp, path);
    done = true;
  } finally {
    if (!done) await unlink(tmp).catch(() => undefined);
  }
}
