#!/usr/bin/env node
// `npm test`: build, run the vitest suites, then the language conformance
// suites against their pass-rate floors (test/conformance-floor.json), and
// end with one plain summary line: `N passed, M failed, K skipped`.
//
// Any failure counts, not only failed tests: a build error, a vitest run that
// exits non-zero or reports `success: false` (a failing hook, an unhandled
// error), a suite below its floor. Each is named in a `why:` list above the
// summary line. How the counting is done: scripts/test-summary.mjs.
//
// A conformance suite counts as one passed test when its pass rate meets its
// floor. The floors only ever go up (test/conformance-floor.test.ts checks
// that against git history): raise them when the language improves.
//
// Flags (for checking this script, e.g. test/scripts/summary.test.ts):
//   --no-build --no-conformance   skip those steps
// Every other argument goes to `vitest run`.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addTally, conformanceRunner, emptyTally, runConformance, runVitest, summaryLines } from './test-summary.mjs';

const root = new URL('..', import.meta.url).pathname;
const own = new Set(['--no-build', '--no-conformance']);
const flags = new Set(process.argv.slice(2).filter((a) => own.has(a)));
const vitestArgs = process.argv.slice(2).filter((a) => !own.has(a));
const tmp = mkdtempSync(join(tmpdir(), 'mgmt-test-'));
const total = emptyTally();

function finish() {
  rmSync(tmp, { recursive: true, force: true });
  console.log(summaryLines(total).join('\n'));
  process.exit(total.failed ? 1 : 0);
}

// 1. Build: a type error fails everything after it.
if (!flags.has('--no-build')) {
  process.stdout.write('\n$ npm run build\n');
  if (spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) {
    total.failed = 1;
    total.notes.push('the build failed: nothing else was run');
    finish();
  }
}

// 2. Unit and integration tests.
addTally(total, runVitest(root, vitestArgs, join(tmp, 'vitest.json')));

// 3. Conformance suites against their floors, through bin/mgmt, the command
// users run (it starts from the snapshot).
if (!flags.has('--no-conformance')) {
  const floors = JSON.parse(readFileSync(join(root, 'test', 'conformance-floor.json'), 'utf8'));
  addTally(total, runConformance(root, conformanceRunner(root), floors, join(tmp, 'conformance.json')));
}

finish();
