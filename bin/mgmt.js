#!/usr/bin/env node
// Thin launcher: the CLI is built into dist/ by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('mgmt: dist/ is missing; run `npm install && npm run build` first\n');
  process.exit(69);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
