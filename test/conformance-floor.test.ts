// The conformance floors (test/conformance-floor.json, judged by npm test)
// only go up: no suite's floor may be lower than in any committed version of
// the file, no suite may leave it, and a suite judged on exact error messages
// (`strictErrors`) stays so. Compared with every version git has; in a shallow
// clone that is only the commits it holds (the test's title says so).

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unavailable } from './helpers/components.js';

const root = new URL('..', import.meta.url).pathname;
const FILE = 'test/conformance-floor.json';

interface Floors {
  suites: Record<string, number>;
  strictErrors?: string[];
}

const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
const isRepo = git('rev-parse', '--git-dir').status === 0;
const shallow = isRepo && git('rev-parse', '--is-shallow-repository').stdout.trim() === 'true';
const history = isRepo ? git('log', '--format=%H', '--', FILE).stdout.split('\n').filter(Boolean) : [];
const scope = shallow ? `the ${history.length} committed version(s) this shallow clone holds, at least HEAD's` : 'every committed version';

/** What a version lowered or dropped, compared with now: one line each. */
function lowered(now: Floors, was: Floors): string[] {
  const out: string[] = [];
  for (const [suite, floor] of Object.entries(was.suites)) {
    if (!(suite in now.suites)) out.push(`${suite}: floor ${floor} removed`);
    else if (now.suites[suite] < floor) out.push(`${suite}: floor ${now.suites[suite]} is below ${floor}`);
  }
  for (const suite of was.strictErrors ?? []) if (!(now.strictErrors ?? []).includes(suite)) out.push(`${suite}: no longer judged on exact error messages`);
  return out;
}

describe('conformance floors only go up', () => {
  it(`no floor in the working tree is below ${scope} of ${FILE}`, (ctx) => {
    if (!isRepo) return unavailable(ctx, 'not a git checkout: there is no history to compare the floors with');
    expect(history.length, `git log found no commit of ${FILE}`).toBeGreaterThan(0);
    const now = JSON.parse(readFileSync(join(root, FILE), 'utf8')) as Floors;
    const problems: string[] = [];
    for (const commit of history) {
      const r = git('show', `${commit}:${FILE}`);
      if (r.status !== 0) continue; // a version git no longer has (shallow)
      for (const p of lowered(now, JSON.parse(r.stdout) as Floors)) problems.push(`${p} in ${commit.slice(0, 10)}`);
    }
    expect(problems, 'raise them back: floors only go up').toEqual([]);
  });

  it('finds a lowered floor, a dropped suite and a dropped strict check', () => {
    const was: Floors = { suites: { a: 0.9, b: 0.5 }, strictErrors: ['a'] };
    expect(lowered({ suites: { a: 0.95, b: 0.5 }, strictErrors: ['a'] }, was)).toEqual([]);
    expect(lowered({ suites: { a: 0.89 } }, was)).toEqual(['a: floor 0.89 is below 0.9', 'b: floor 0.5 removed', 'a: no longer judged on exact error messages']);
  });
});
