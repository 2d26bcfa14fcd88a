// Does a file hold exactly these bytes? The check path of every file with a
// body runs this, so it is kept lean: the callback fs API on a raw fd (no
// FileHandle, no fstat), and never more than `want.length + 1` bytes read,
// whatever the size of the file.

import { close, open, read, type Stats } from 'node:fs';

const openFd = (p: string): Promise<number> => new Promise((res, rej) => open(p, 'r', (e, fd) => (e ? rej(e) : res(fd))));
const readAt = (fd: number, buf: Buffer, off: number, pos: number): Promise<number> =>
  new Promise((res, rej) => read(fd, buf, off, buf.length - off, pos, (e, n) => (e ? rej(e) : res(n))));
const closeFd = (fd: number): Promise<void> => new Promise((res) => close(fd, () => res()));

/**
 * True when the regular file `path` (whose lstat is `st`) holds `want`. A
 * size that differs answers at once, but only for a file with blocks on
 * disk: /proc and /sys files say 0 or 4096 whatever they hold.
 */
export async function sameContent(path: string, st: Stats, want: Buffer): Promise<boolean> {
  if (st.size !== want.length && st.blocks > 0) return false;
  const fd = await openFd(path);
  try {
    // One byte more than wanted: reading it means the file is longer.
    const buf = Buffer.allocUnsafe(want.length + 1);
    let got = 0;
    for (;;) {
      const room = buf.length - got;
      const n = await readAt(fd, buf, got, got);
      if (n === 0) break;
      got += n;
      if (got > want.length) return false;
      // A short read that ends where lstat said the file ends is its end: no
      // read of 0 bytes to confirm it (a quarter of a check's system calls).
      // Not for files without blocks (/proc, /sys), whose size says nothing.
      if (n < room && got === st.size && st.blocks > 0) break;
    }
    return got === want.length && buf.subarray(0, got).equals(want);
  } finally {
    await closeFd(fd);
  }
}
