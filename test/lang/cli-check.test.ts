// `mgmt check` as an editor or CI runs it: one `file:line:col: stage: message`
// line per problem, exit 1 when any, JSON diagnostics, values computed only by
// functions that read, and nothing on the host changed. Needs dist/ (`npm run build`).

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
    expect(out[0]).toBe(`${join(bad1, 'main.mcl')}:4:16: errSetScope: var \`$missing\` does not exist in this scope`);
    expect(out[1]).toMatch(new RegExp(`^${join(bad2, 'main.mcl')}:1:\\d+: errLexParse: `));
  });

  it('locates errors inside imported files', () => {
    const dir = writeProgram({ 'main.mcl': 'import "lib.mcl"\n', 'lib.mcl': '$ok = 1\n$bad = $nope\n' });
    const r = mgmt(['check', join(dir, 'main.mcl')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`^${join(dir, 'lib.mcl')}:2:8: errSetScope: local import of \`lib.mcl\` failed`));
  });

  it('runs the function graph to its first values: an uncaught lookup miss and a panic are each reported', () => {
    const dir = writeProgram('$l = ["a"]\ntest [$l[3]] {}\npanic(true)\n');
    const r = mgmt(['check', join(dir, 'main.mcl')]);
    expect(r.code).toBe(1);
    expect(r.out.trimEnd().split('\n')).toEqual([
      `${join(dir, 'main.mcl')}:2:7: errStream: list index not present, got: 3, len is: 1, in: ["a"]`,
      `${join(dir, 'main.mcl')}:3:1: errStream: bool panic occurred`,
    ]);
  });

  it('--types-only stops after type checking, as upstream\'s check does', () => {
    const dir = writeProgram('$l = ["a"]\ntest [$l[3]] {}\npanic(true)\n');
    expect(mgmt(['check', '--types-only', join(dir, 'main.mcl')])).toMatchObject({ code: 0, out: '' });
  });

  it('does not touch the host: a function that writes is not called, a resource is not applied', () => {
    const marker = join(writeProgram('test "x" {}\n'), 'touched');
    const dir = writeProgram(`import "os"\ntest [os.system("touch ${marker}-fn")] {}\nexec "e" {\n\tcmd => "touch ${marker}",\n}\n`);
    const r = mgmt(['check', join(dir, 'main.mcl')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${join(dir, 'main.mcl')}:2:1: note: test resource depends on \`os.system\`, whose value is known only at run time (it changes the machine, so check does not call it)\n`);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(`${marker}-fn`)).toBe(false);
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
        severity: 'error',
        message: 'class `nothere` does not exist in this scope',
        text: 'class `nothere` does not exist in this scope: /main.mcl @ 1:1-1:16',
        related: [],
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
