#!/usr/bin/env node
// Thin launcher: runs the CLI that `npm run build` made — the bundle in
// dist/bundle/ (fast to load), else the plain tsc output in dist/cli/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const plain = new URL('../dist/cli/main.js', import.meta.url);
const main = existsSync(fileURLToPath(bundle)) ? bundle : plain;
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('mgmt: dist/ is missing; run `npm install` (or `npm run build`) first\n');
  process.exit(69);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
