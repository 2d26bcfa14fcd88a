// `mgmt check` as an editor or CI runs it: one `file:line:col: stage: message`
// line per failing file, exit 1 when any fails, JSON diagnostics, and nothing
// executed. Needs dist/ (`npm run build`).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeProgram } from '../helpers/compile.js';
import { mgmt, requireDist } from '../helpers/cli.js';

beforeAll(requireDist);

describe('mgmt check', () => {
  it('exits 0 and prints nothing for good programs', () => {
    const a = writeProgram('import "fmt"\ntest [fmt.printf("%d", 1)] {}\n');
    const b = writeProgram({ 'metadata.yaml': 'main: "x.mcl"\n', 'x.mcl': 'test "x" {}\n' });
    const r = mgmt(['check', join(a, 'main.mcl'), b]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
  });

  it('prints one diagnostic per bad file with its local path and position', () => {
    const good = writeProgram('test "ok" {}\n');
    const bad1 = writeProgram('test "a" {}\n\ntest "b" {\n\tanotherstr => $missing,\n}\n');
    const bad2 = writeProgram('$n = 1 +\n');
    const r = mgmt(['check', join(good, 'main.mcl'), join(bad1, 'main.mcl'), join(bad2, 'main.mcl')]);
    expect(r.code).toBe(1);
    const out = r.out.trimEnd().split('\n');
    expect(out).toHaveLength(2);
    expect(out[0]).toBe(`${join(bad1, 'main.mcl')}:4:16: errSetScope: var \`$missing\` does not exist in this scope: /main.mcl @ 4:16-4:24`);
    expect(out[1]).toMatch(new RegExp(`^${join(bad2, 'main.mcl')}:1:\\d+: errLexParse: `));
  });

  it('locates errors inside imported files', () => {
    const dir = writeProgram({ 'main.mcl': 'import "lib.mcl"\n', 'lib.mcl': '$ok = 1\n$bad = $nope\n' });
    const r = mgmt(['check', join(dir, 'main.mcl')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`^${join(dir, 'lib.mcl')}:2:8: errSetScope: local import of \`lib.mcl\` failed`));
  });

  it('does not run the function graph: an uncaught lookup miss and a panic pass', () => {
    const dir = writeProgram('$l = ["a"]\ntest [$l[3]] {}\npanic(true)\n');
    expect(mgmt(['check', join(dir, 'main.mcl')]).code).toBe(0);
  });

  it('does not touch the host', () => {
    const dir = writeProgram('import "os"\ntest [os.readfile("/nonexistent/xyz")] {}\nexec "e" {\n\tcmd => "touch /tmp/mcl-check-should-not-exist",\n}\n');
    expect(mgmt(['check', join(dir, 'main.mcl')]).code).toBe(0);
    expect(existsSync('/tmp/mcl-check-should-not-exist')).toBe(false);
  });

  it('prints --format json diagnostics', () => {
    const dir = writeProgram('include nothere\n');
    const r = mgmt(['check', '--format', 'json', join(dir, 'main.mcl')]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual([
      {
        file: join(dir, 'main.mcl'),
        line: 1,
        col: 1,
        endLine: 1,
        endCol: 16,
        stage: 'errSetScope',
        message: 'class `nothere` does not exist in this scope: /main.mcl @ 1:1-1:16',
      },
    ]);
    const ok = mgmt(['check', '--format=json', join(writeProgram('test "a" {}\n'), 'main.mcl')]);
    expect(JSON.parse(ok.out)).toEqual([]);
  });

  it('needs at least one file', () => {
    const r = mgmt(['check']);
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/expected at least one FILE/);
  });
});
