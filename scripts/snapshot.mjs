#!/usr/bin/env node
// Make dist/bundle/mgmt.blob, the V8 start-up snapshot bin/mgmt starts from
// (src/cli/snapshot.ts says what is in it and why).
//
// `node --build-snapshot` takes one script that may require only node's own
// modules, so the script is the bundle dist/bundle/mgmt.cjs itself, wrapped
// the way node wraps a CommonJS module (on its first line, so line numbers in
// stack traces are the bundle's), then the warm-up and the main to call.
//
// Node keeps its timers in module state (the lists by delay, and when the
// next is due), and keeps the list of a timer that was unref'd or cleared
// until it is due. The snapshot would keep that state but not the libuv timer
// behind it, and no timer would ever fire in a process started from it. So
// after the warm-up the script waits until every list has been swept, which
// it checks through node's internal timers module (hence --expose-internals,
// for this build step only).
//
// A snapshot belongs to the node binary that made it. Next to the blob,
// mgmt.blob.node names that binary (device, inode, change time, size, as
// `stat -L -c %d:%i:%Z:%s` prints them): bin/mgmt uses the blob only when
// the node on PATH is that same file, and runs bin/mgmt.js otherwise. So a
// snapshot that cannot be made is a warning, not a failed build.

import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = resolve('dist/bundle');
const bundle = `${dir}/mgmt.cjs`;
const entry = `${dir}/mgmt-snapshot.cjs`;
const blob = `${dir}/mgmt.blob`;
const stamp = `${blob}.node`;
rmSync(blob, { force: true });
rmSync(stamp, { force: true });

const src = readFileSync(bundle, 'latin1');
writeFileSync(
  entry,
  `'use strict'; const mgmt = { exports: {} }; (function (exports, require, module, __filename, __dirname) {${src}\n` +
    `})(mgmt.exports, require, mgmt, ${JSON.stringify(bundle)}, ${JSON.stringify(dir)});\n` +
    `require('node:v8').startupSnapshot.setDeserializeMainFunction(() => mgmt.exports.fromSnapshot());\n` +
    `const settleTimers = async () => {\n` +
    `  const { timerListQueue } = require('internal/timers');\n` +
    `  for (const until = Date.now() + 30000; timerListQueue.peek() !== undefined; ) {\n` +
    `    if (Date.now() > until) throw new Error('timers of the warm-up still pending after 30 s');\n` +
    `    await new Promise((res) => setTimeout(() => setImmediate(res), 20));\n` +
    `  }\n` +
    `};\n` +
    `mgmt.exports.warmUp().then(settleTimers).catch((e) => { process.stderr.write(String(e && e.stack || e) + '\\n'); process.exit(1); });\n`,
  'latin1',
);

const t0 = performance.now();
const made = spawnSync(process.execPath, ['--expose-internals', '--snapshot-blob', blob, '--build-snapshot', entry], { encoding: 'utf8' });
// Node warns that some of its modules are "not yet fully verified" in snapshots;
// the test suite runs every command from the snapshot, which is what counts here.
const problems = (made.stderr ?? '').split('\n').filter((l) => l && !/not yet fully verified|may still work in some cases|To request support|--trace-warnings/.test(l));
if (made.status !== 0) {
  rmSync(blob, { force: true });
  process.stderr.write(`warning: no start-up snapshot (bin/mgmt will run bin/mgmt.js): node --build-snapshot exited with ${made.status}\n${problems.join('\n')}\n`);
  process.exit(0);
}
if (problems.length) process.stderr.write(problems.join('\n') + '\n');
const st = statSync(process.execPath);
writeFileSync(stamp, `${st.dev}:${st.ino}:${Math.floor(st.ctimeMs / 1000)}:${st.size}\n`);
console.log(`start-up snapshot: ${blob} (${(statSync(blob).size / 1e6).toFixed(1)} MB, ${Math.round(performance.now() - t0)} ms)`);
