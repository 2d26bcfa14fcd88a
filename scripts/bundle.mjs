#!/usr/bin/env node
// Bundle the built CLI into dist/bundle/ with esbuild, twice, and the etcd
// client once more on its own (dist/bundle/mgmt-etcd3.cjs, scripts/bundle-etcd3.mjs):
//
// - dist/bundle/mgmt.cjs: the whole CLI as one CommonJS file. bin/mgmt.js runs
//   every command from it through vm.Script with a V8 code cache (Node 20 has
//   no compile cache for ES modules), which skips compiling ~1.5 MB of
//   JavaScript on each start: about 30–40 ms of a ~150 ms `mgmt run`.
// - dist/bundle/main.js and its chunks: ES modules, code-split, so that
//   `--version` and `--help` load almost nothing; also the fallback.
//
// Loading one file instead of hundreds of modules (chevrotain alone pulls in
// many small lodash-es files) cut the start of every command about threefold;
// see bench/README.md and docs/design.md.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { bundleEtcd3 } from './bundle-etcd3.mjs';

// Chunk names carry content hashes, and code caches belong to one build:
// start clean so nothing stale lingers.
rmSync('dist/bundle', { recursive: true, force: true });

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  entryPoints: ['src/cli/main.ts'],
  // `mgmt --version` (src/cli/main.ts): a start-up snapshot made here may run from another directory.
  define: { MGMT_BUILD_VERSION: JSON.stringify(version) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // dbus-next has an optional X11 transport we never use. etcd3 (gRPC) and
  // its cockatiel load only when a cluster is used: from node_modules, or
  // from mgmt-etcd3.cjs (below) where there is none (src/cluster/etcd3-load.ts).
  external: ['x11', 'etcd3', 'cockatiel'],
  logLevel: 'warning',
};

await build({
  ...common,
  splitting: true,
  format: 'esm',
  outdir: 'dist/bundle',
  // Some dependencies are CommonJS and call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __mgmtRequire } from 'node:module'; const require = __mgmtRequire(import.meta.url);" },
});

await build({
  ...common,
  // main() for bin/mgmt.js, and the start-up snapshot's hooks (scripts/snapshot.mjs).
  entryPoints: ['src/cli/bundle-entry.ts'],
  format: 'cjs',
  outfile: 'dist/bundle/mgmt.cjs',
  // The sources are ES modules: import.meta.url becomes this file's URL
  // (dist/bundle/, where the ESM chunks live too, so relative URLs agree).
  define: { ...common.define, 'import.meta.url': '__mgmtImportMetaUrl' },
  banner: { js: "const __mgmtImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// esbuild escapes non-ASCII characters in code but keeps them in the comments
// it preserves. An all-ASCII file is much faster to read (Node's UTF-8
// decoding has a fast path for it), so escape them there too.
const cjs = readFileSync('dist/bundle/mgmt.cjs', 'utf8');
writeFileSync('dist/bundle/mgmt.cjs', cjs.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

// The etcd client for a mgmt without node_modules (one shipped to a remote host).
await bundleEtcd3('dist/bundle/mgmt-etcd3.cjs');
