// What a file would become, for `--noop` and Meta:noop: the content change as
// a unified diff (the `diff` library), so the user reads exactly what would
// be written. Binary or very large content is described by its sizes.

import { readFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/** Larger content is not diffed (a diff of it would not be read anyway). */
const MAX_BYTES = 1 << 20;
/** Diff lines shown before `… N more lines`. */
const MAX_LINES = 200;

const utf8 = new TextDecoder('utf-8', { fatal: true });
function text(b: Buffer): string | undefined {
  if (b.includes(0)) return undefined;
  try {
    return utf8.decode(b);
  } catch {
    return undefined;
  }
}

/** The unified diff from `old` (undefined: the file does not exist) to `want`. */
export function contentDiff(path: string, old: Buffer | undefined, want: Buffer): string {
  const size = (b: Buffer | undefined) => (b === undefined ? 'no file' : `${b.length} bytes`);
  if ((old?.length ?? 0) > MAX_BYTES || want.length > MAX_BYTES) return `(too large to show: ${size(old)} → ${want.length} bytes)`;
  const a = old === undefined ? '' : text(old);
  const b = text(want);
  if (a === undefined || b === undefined) return `(binary content: ${size(old)} → ${want.length} bytes)`;
  const patch = createTwoFilesPatch(old === undefined ? '/dev/null' : path, path, a, b, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
  const lines = patch.replace(/\n$/, '').split('\n');
  if (lines.length <= MAX_LINES) return lines.join('\n');
  return [...lines.slice(0, MAX_LINES), `… ${lines.length - MAX_LINES} more lines`].join('\n');
}

/** The diff of what is at `path` now (its lstat is `st`) to `want`. */
export async function contentDiffOnDisk(path: string, st: Stats | undefined, want: Buffer): Promise<string> {
  if (st?.isFile() && st.size > MAX_BYTES) return `(too large to show: ${st.size} → ${want.length} bytes)`;
  const old = st?.isFile() ? await readFile(path).catch(() => undefined) : undefined;
  return contentDiff(path, old, want);
}
