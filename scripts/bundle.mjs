#!/usr/bin/env node
// Bundle the built CLI into dist/bundle/ with esbuild (code-split, so that
// `--version` and `--help` still load almost nothing). Loading one file per
// command instead of hundreds of modules (chevrotain alone pulls in many
// small lodash-es files) cuts the start of every command about threefold;
// see bench/README.md. bin/mgmt.js uses the bundle when it is there.

import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry content hashes: start clean so no stale chunk lingers.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/bundle',
  sourcemap: 'linked',
  // dbus-next has an optional X11 transport we never use.
  external: ['x11'],
  // Some dependencies are CommonJS and call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __mgmtRequire } from 'node:module'; const require = __mgmtRequire(import.meta.url);" },
  logLevel: 'warning',
});
