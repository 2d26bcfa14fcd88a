// What `mgmt run` tells the user, as snapshots of its real stderr (bin/mgmt,
// real files and commands; the temp directory shown as $DIR): what --noop
// would change, param by param; what each swap added, changed, removed and
// kept; resources skipped because a dependency failed; and a program whose
// value arrives a moment after start, which must not read as a failure.
// The resources are chained by edges, so their lines come in one order.

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launcher, mgmt, requireDist, root } from '../helpers/cli.js';

let dir: string;
const running: ChildProcess[] = [];
beforeAll(() => requireDist());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mgmt-logs-'));
});
afterEach(() => {
  for (const p of running.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const norm = (s: string) => s.split(dir).join('$DIR');
/** Write the program as an editor's atomic save does (never a half-written file for the watcher to read). */
function save(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f + '.tmp', text);
  renameSync(f + '.tmp', f);
  return f;
}
const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined);

async function until(cond: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('mgmt run logs', () => {
  it('--noop says what would change, param by param, and changes nothing', () => {
    writeFileSync(join(dir, 'a'), 'one\ntwo\nthree\n');
    chmodSync(join(dir, 'a'), 0o644);
    writeFileSync(join(dir, 'gone'), 'x\n');
    const prog = save(
      'main.mcl',
      `file "${dir}/a" {\n\tstate => "exists",\n\tcontent => "one\\n2\\nthree\\n",\n\tmode => "0600",\n\towner => "nobody",\n}\n` +
        `file "${dir}/new" {\n\tstate => "exists",\n\tcontent => "hello\\n",\n}\n` +
        `file "${dir}/gone" {\n\tstate => "absent",\n}\n` +
        `exec "make" {\n\tcmd => "touch ${dir}/made",\n\tcreates => "${dir}/made",\n}\n` +
        `print "p" {\n\tmsg => "hi",\n}\n` +
        `File["${dir}/a"] -> File["${dir}/new"] -> File["${dir}/gone"] -> Exec["make"] -> Print["p"]\n`,
    );
    const r = mgmt(['run', '--noop', '--tmp-prefix', '--converged-timeout', '0', '--lang', prog]);
    expect(r.code).toBe(0);
    expect(norm(r.err)).toMatchInlineSnapshot(`
      "running mcl $DIR/main.mcl
      swap: 5 added, 0 changed, 0 removed, 0 kept
      swap: added exec[make], file[$DIR/a], file[$DIR/gone], file[$DIR/new], print[p]
      file[$DIR/a]: would change the content:
      --- $DIR/a
      +++ $DIR/a
      @@ -1,3 +1,3 @@
       one
      -two
      +2
       three
      file[$DIR/a]: would change the owner: root → nobody
      file[$DIR/a]: would change the mode: 0644 → 0600
      file[$DIR/a]: not in the desired state (noop: nothing changed)
      file[$DIR/new]: would create the file:
      --- /dev/null
      +++ $DIR/new
      @@ -0,0 +1,1 @@
      +hello
      file[$DIR/new]: not in the desired state (noop: nothing changed)
      file[$DIR/gone]: would remove the file (state: exists → absent)
      file[$DIR/gone]: not in the desired state (noop: nothing changed)
      exec[make]: would run \`touch $DIR/made\`
      exec[make]: not in the desired state (noop: nothing changed)
      print[p]: Msg: hi
      converged
      "
    `);
    expect(read(join(dir, 'a'))).toBe('one\ntwo\nthree\n');
    expect(statSync(join(dir, 'a')).mode & 0o777).toBe(0o644);
    expect(existsSync(join(dir, 'new'))).toBe(false);
    expect(existsSync(join(dir, 'gone'))).toBe(true);
    expect(existsSync(join(dir, 'made'))).toBe(false);
  });

  it('each swap says what it added, changed (which params), removed and kept', async () => {
    const v1 =
      `file "${dir}/a" {\n\tstate => "exists",\n\tcontent => "1\\n",\n}\n` +
      `file "${dir}/b" {\n\tstate => "exists",\n\tcontent => "b\\n",\n}\n` +
      `print "p" {\n\tmsg => "v1",\n}\n` +
      `File["${dir}/a"] -> File["${dir}/b"] -> Print["p"]\n`;
    const v2 =
      `file "${dir}/a" {\n\tstate => "exists",\n\tcontent => "2\\n",\n\tmode => "0600",\n}\n` +
      `file "${dir}/c" {\n\tstate => "exists",\n\tcontent => "c\\n",\n}\n` +
      `print "p" {\n\tmsg => "v1",\n}\n` +
      `File["${dir}/a"] -> File["${dir}/c"] -> Print["p"]\n`;
    const prog = save('main.mcl', v1);
    const proc = spawn(launcher, ['run', '--tmp-prefix', '--lang', prog], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    running.push(proc);
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
    await until(() => err.includes('print[p]: Msg: v1'), 'the first graph to apply');
    // Give the source watcher its initial scan (an edit in the first instant may go unseen).
    await new Promise((r) => setTimeout(r, 1000));
    save('main.mcl', v2);
    await until(() => read(join(dir, 'c')) === 'c\n' && read(join(dir, 'a')) === '2\n', 'the edit to apply');
    await new Promise((r) => setTimeout(r, 300));
    proc.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(norm(err)).toMatchInlineSnapshot(`
      "running mcl $DIR/main.mcl
      swap: 3 added, 0 changed, 0 removed, 0 kept
      swap: added file[$DIR/a], file[$DIR/b], print[p]
      file[$DIR/a]: created
      file[$DIR/b]: created
      print[p]: Msg: v1
      swap: 1 added, 1 changed, 1 removed, 1 kept
      swap: added file[$DIR/c]
      swap: changed file[$DIR/a] (content, mode)
      swap: removed file[$DIR/b]
      file[$DIR/a]: content updated
      file[$DIR/a]: mode changed to 0600
      file[$DIR/c]: created
      SIGINT: stopping (waiting for running resources)
      "
    `);
  }, 30_000);

  it('a resource whose dependency failed says it was skipped, and the run counts it (exit 2)', () => {
    const prog = save(
      'main.mcl',
      `exec "bad" {\n\tcmd => "/bin/false",\n}\n` +
        `file "${dir}/x" {\n\tstate => "exists",\n\tcontent => "x\\n",\n}\n` +
        `print "p" {\n\tmsg => "after x",\n}\n` +
        `Exec["bad"] -> File["${dir}/x"] -> Print["p"]\n`,
    );
    const r = mgmt(['run', '--tmp-prefix', '--converged-timeout', '0', '--lang', prog]);
    expect(r.code).toBe(2);
    expect(norm(r.err)).toMatchInlineSnapshot(`
      "running mcl $DIR/main.mcl
      swap: 3 added, 0 changed, 0 removed, 0 kept
      swap: added exec[bad], file[$DIR/x], print[p]
      error: exec[bad]: CheckApply failed: cmd error, exit status 1
      error: exec[bad]: failed permanently: CheckApply failed and no retries are left
      warn: file[$DIR/x]: skipped: depends on exec[bad], which failed
      warn: print[p]: skipped: depends on file[$DIR/x], which was skipped
      converged
      error: exec[bad]: CheckApply failed and no retries are left
      error: file[$DIR/x]: skipped: depends on exec[bad], which failed
      error: print[p]: skipped: depends on file[$DIR/x], which was skipped
      error: summary: 1 failed, 2 skipped
      "
    `);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('a value that arrives a moment after start changes the file: no failure is reported', () => {
    const prog = save(
      'main.mcl',
      `import "fmt"\nimport "world"\n\n` +
        `kv "color" {\n\tmapped => true,\n\tvalue => "blue",\n}\n` +
        `$all = world.kvlookup("color")\n` +
        `file "${dir}/seen" {\n\tstate => "exists",\n\tcontent => fmt.printf("%v\\n", $all),\n}\n`,
    );
    const r = mgmt(['run', '--tmp-prefix', '--hostname', 'h1', '--converged-timeout', '0', '--lang', prog]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toMatch(/error|fail|retr/i);
    expect(r.err).toContain('swap: changed file[' + dir + '/seen] (content)');
    expect(read(join(dir, 'seen'))).toBe('{"h1": "blue"}\n');
  });
});
