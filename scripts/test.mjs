#!/usr/bin/env node
// `npm test`: build, run the vitest suites, then the language conformance
// suites against their pass-rate floors (test/conformance-floor.json), and
// end with one plain summary line: `N passed, M failed`.
//
// A conformance suite counts as one passed test when its pass rate meets its
// floor. The floors only ever go up: raise them when the language improves.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'mgmt-test-'));
let passed = 0;
let failed = 0;

function run(cmd, args, opts = {}) {
  process.stdout.write(`\n$ ${cmd} ${args.join(' ')}\n`);
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
}

// 1. Build: a type error fails everything after it.
if (run('npm', ['run', 'build']).status !== 0) {
  console.log('\nbuild failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// 2. Unit and integration tests.
const vitestJson = join(tmp, 'vitest.json');
const extra = process.argv.slice(2);
run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`, ...extra]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A test file that fails to load has no tests: count it as one failure.
  for (const f of r.testResults ?? []) if (f.status === 'failed' && (f.assertionResults ?? []).length === 0) failed += 1;
} else {
  failed += 1;
}

// 3. Conformance suites against their floors.
const runner = join(root, '..', 'shared', 'conformance', 'run');
const floors = JSON.parse(readFileSync(join(root, 'test', 'conformance-floor.json'), 'utf8'));
if (!existsSync(runner)) {
  console.log(`\nconformance runner not found at ${runner}: every suite counts as failed`);
  failed += Object.keys(floors.suites).length;
} else {
  const json = join(tmp, 'conformance.json');
  // Through bin/mgmt, the command users run (it starts from the snapshot).
  run(runner, ['--mgmt', 'bin/mgmt', '--json', json, '--jobs', String(floors.jobs ?? 2)]);
  const res = existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : {};
  console.log('\nconformance floors:');
  for (const [suite, floor] of Object.entries(floors.suites)) {
    const s = res[suite];
    const rate = s ? s.passed / Math.max(1, s.passed + s.failed) : 0;
    const ok = s !== undefined && rate >= floor;
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${suite}: ${s ? `${s.passed}/${s.passed + s.failed}` : 'not run'} = ${(rate * 100).toFixed(1)}% (floor ${(floor * 100).toFixed(1)}%)`);
    if (ok) passed += 1;
    else failed += 1;
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
