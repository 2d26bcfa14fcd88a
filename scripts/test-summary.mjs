// How `npm test` counts: vitest's report and exit status, and the conformance
// runner's report against the floors, each turned into passed/failed/skipped
// plus a line for every failure no single test carries. Shared by
// scripts/test.mjs and its own test (test/scripts/summary.test.ts).

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @typedef {{ passed: number, failed: number, skipped: number, notes: string[] }} Tally */

/** @returns {Tally} */
export const emptyTally = () => ({ passed: 0, failed: 0, skipped: 0, notes: [] });

/** Add `b` into `a`. */
export function addTally(a, b) {
  a.passed += b.passed;
  a.failed += b.failed;
  a.skipped += b.skipped;
  a.notes.push(...b.notes);
  return a;
}

const firstLine = (s) => String(s ?? '').trim().split('\n')[0].slice(0, 200);

/**
 * Count a vitest run from its JSON report (undefined when none was written)
 * and its exit status (null when killed by a signal).
 *
 * vitest turns the tests of a failing beforeAll into skipped ones, and a
 * failing afterAll or an unhandled error fails no test at all: so a file that
 * failed with no failed test is one failure, and a non-zero exit or
 * `success: false` with nothing counted as failed is one more.
 * @returns {Tally}
 */
export function tallyVitest(report, status) {
  const t = emptyTally();
  if (!report) {
    t.failed = 1;
    t.notes.push(`vitest wrote no report (exit ${status ?? 'by signal'}): see its output above`);
    return t;
  }
  t.passed = report.numPassedTests ?? 0;
  t.failed = report.numFailedTests ?? 0;
  t.skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const f of report.testResults ?? []) {
    if (f.status !== 'failed' || (f.assertionResults ?? []).some((a) => a.status === 'failed')) continue;
    t.failed += 1;
    t.notes.push(`${f.name}: failed outside any test (a hook or the file itself): ${firstLine(f.message) || 'see its output above'}`);
  }
  if ((status !== 0 || report.success === false) && t.failed === 0) {
    t.failed = 1;
    t.notes.push(`vitest exited ${status ?? 'by signal'}${report.success === false ? ' (success: false)' : ''} with no failed test: an unhandled error or a failing hook, see "Errors" in its output above`);
  }
  return t;
}

/**
 * Run `npx vitest run ARGS` in `cwd` with the default and JSON reporters, and
 * count it. `jsonFile` is where the report goes.
 * @returns {Tally}
 */
export function runVitest(cwd, args, jsonFile, env = process.env) {
  process.stdout.write(`\n$ npx vitest run ${args.join(' ')}\n`);
  const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`, ...args], { cwd, stdio: 'inherit', env });
  const report = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : undefined;
  return tallyVitest(report, r.status);
}

/**
 * Judge the conformance runner's JSON report (a `--strict-errors` run) against
 * the floors. Suites listed in `floors.strictErrors` must match the upstream
 * message; for the others a "message differs" failure counts as passed (the
 * stage was right, which is all they are held to). Each suite is one test.
 * @returns {Tally}
 */
export function tallyConformance(res, floors) {
  const t = emptyTally();
  const strict = new Set(floors.strictErrors ?? []);
  const lines = ['conformance floors:'];
  for (const [suite, floor] of Object.entries(floors.suites)) {
    const s = res?.[suite];
    let passed = s?.passed ?? 0;
    let failed = s?.failed ?? 0;
    let loose = 0;
    if (s && !strict.has(suite)) {
      loose = (s.failures ?? []).filter((f) => /^message differs/.test(f.reason)).length;
      passed += loose;
      failed -= loose;
    }
    const rate = passed / Math.max(1, passed + failed);
    const ok = s !== undefined && rate >= floor;
    const how = strict.has(suite) ? ', exact messages' : loose ? `, stage only: ${loose} with another message pass` : '';
    lines.push(`  ${ok ? 'ok  ' : 'FAIL'} ${suite}: ${s ? `${passed}/${passed + failed}` : 'not run'} = ${(rate * 100).toFixed(1)}% (floor ${(floor * 100).toFixed(1)}%${how})`);
    if (ok) t.passed += 1;
    else {
      t.failed += 1;
      t.notes.push(`conformance ${suite} is below its floor`);
    }
  }
  console.log(`\n${lines.join('\n')}`);
  return t;
}

/** Run the conformance runner (`runner`) through bin/mgmt and judge it. */
export function runConformance(root, runner, floors, jsonFile) {
  if (!existsSync(runner)) {
    const t = emptyTally();
    t.failed = Object.keys(floors.suites).length;
    t.notes.push(`conformance runner not found at ${runner}: every suite counts as failed`);
    return t;
  }
  const args = ['--mgmt', 'bin/mgmt', '--strict-errors', '--json', jsonFile, '--jobs', String(floors.jobs ?? 2)];
  // `check` goes past type checking by default; the examples suite judges upstream's check, which stops there.
  if (floors.checkArgs) args.push('--check-args', floors.checkArgs);
  process.stdout.write(`\n$ ${runner} ${args.join(' ')}\n`);
  const r = spawnSync(runner, args, { cwd: root, stdio: 'inherit' });
  const res = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : undefined;
  const t = tallyConformance(res, floors);
  if (r.status !== 0) t.notes.push(`the conformance runner exited ${r.status ?? 'by signal'}`);
  return t;
}

/** The last lines: why, for each failure no test names, then `N passed, M failed, K skipped`. */
export function summaryLines(t) {
  const why = t.notes.map((n) => `  ${n}`);
  return [...(why.length ? ['', 'why:', ...why] : []), '', `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`];
}

export const conformanceRunner = (root) => join(root, '..', 'shared', 'conformance', 'run');
