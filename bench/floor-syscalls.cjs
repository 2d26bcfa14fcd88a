// The platform floor of the file benches: the system calls a check or an
// apply of N files needs, done directly and synchronously with nothing else
// (check: lstat, read, compare; apply: a temp file written and fsynced,
// renamed over the target, chmod). bench/engine.ts calls `floor` in its own
// process, and runs this file as a process (`node bench/floor-syscalls.cjs
// DIR N apply|check`) for the floor of a whole process doing only that.
'use strict';
const { closeSync, fsyncSync, lstatSync, openSync, readFileSync, renameSync, chmodSync, writeSync } = require('node:fs');

/** ms for the syscalls of checking (and with `apply`, putting in place) DIR/f0 … f(N-1). */
function floor(n, dir, apply) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const p = `${dir}/f${i}`;
    const want = Buffer.from(`hello ${i}\n`);
    let st;
    try {
      st = lstatSync(p);
    } catch {
      st = undefined;
    }
    if (st && readFileSync(p).equals(want) && (st.mode & 0o7777) === 0o640) continue;
    if (!apply) continue;
    const tmp = `${dir}/.tmp-f${i}`;
    const fd = openSync(tmp, 'wx', 0o640);
    writeSync(fd, want);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, p);
    chmodSync(p, 0o640);
  }
  return performance.now() - t0;
}

module.exports = { floor };
if (require.main === module) floor(Number(process.argv[3]), process.argv[2], process.argv[4] === 'apply');
