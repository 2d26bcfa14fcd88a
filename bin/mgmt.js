#!/usr/bin/env node
// Thin launcher for the CLI that `npm run build` made (scripts/bundle.mjs).
// bin/mgmt, the installed command, starts node from the start-up snapshot
// instead when it can (src/cli/snapshot.ts); this file is the path without it:
// - a command (`mgmt run …`) runs from dist/bundle/mgmt.cjs, compiled through
//   vm.Script with a V8 code cache kept in dist/bundle/cache/ (one per command,
//   written after the first run and whenever V8 rejects it);
// - `--help`, `--version` and the like load the small ES-module dispatcher in
//   dist/bundle/main.js;
// - without a bundle, the plain tsc output in dist/cli/ runs.
// This file is CommonJS (bin/package.json says so): starting from an ES module
// would set up Node's ESM loader, a few ms of every command, for nothing.
'use strict';
const { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');

const argv = process.argv.slice(2);
const path = (rel) => join(__dirname, rel);
const cjs = path('../dist/bundle/mgmt.cjs');

/** A small stable hash, so runs with other V8 flags keep their own cache. */
function hash(s) {
  let h = 5381;
  for (let i = 0; i < s.length; i++) h = ((h * 33) ^ s.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

/** Load mgmt.cjs with the code cache for `cmd`; `save` writes a fresh cache when there was none. */
function loadCached(cmd) {
  const st = statSync(cjs);
  const flags = process.execArgv.length ? `-${hash(process.execArgv.join(' '))}` : '';
  const cacheDir = join(dirname(cjs), 'cache');
  const cacheFile = join(cacheDir, `${cmd}-${process.version}-${process.arch}${flags}-${st.size}-${Math.trunc(st.mtimeMs)}.bin`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet.
  }
  // bundle.mjs makes the file ASCII-only, so latin1 reads it exactly, and fastest.
  const src = readFileSync(cjs, 'latin1');
  // The CommonJS wrapper on the first line, so line numbers stay the file's.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${src}\n})`, { filename: cjs, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(cjs), module, cjs, dirname(cjs));
  const save = () => {
    if (cachedData && !script.cachedDataRejected) return;
    // After the run, so the cache holds the functions it compiled too. Best
    // effort: an install that is not writable simply runs without a cache.
    try {
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      // Not writable: fine.
    }
  };
  return { main: module.exports.main, exitWhenDone: module.exports.exitWhenDone, save };
}

async function launch() {
  const cmd = argv[0];
  if (cmd !== undefined && /^[a-z]+$/.test(cmd) && cmd !== 'help' && cmd !== 'version' && existsSync(cjs)) {
    const { main, exitWhenDone, save } = loadCached(cmd);
    await main(argv);
    // Not for a mistyped command (a usage error): no cache named after it.
    if (process.exitCode !== 64) save();
    exitWhenDone(argv);
    return;
  }
  const bundle = path('../dist/bundle/main.js');
  const plain = path('../dist/cli/main.js');
  const entry = existsSync(bundle) ? bundle : plain;
  if (!existsSync(entry)) {
    process.stderr.write('mgmt: dist/ is missing; run `npm install` (or `npm run build`) first\n');
    process.exit(69);
  }
  const { main } = await import(pathToFileURL(entry).href);
  await main(argv);
}

launch().catch((e) => {
  process.stderr.write(`mgmt: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 70;
});
