// `mgmt repl` as users drive it: piped stdin (one result per entry, no
// prompt) and an interactive terminal (tmux: prompt, multi-line entries,
// Ctrl-C, Ctrl-D).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { launcher, requireDist, root } from '../helpers/cli.js';
import { commandMissing, describeNeeding } from '../helpers/components.js';

const bin = launcher;

function repl(input: string): { out: string; code: number | null } {
  const r = spawnSync(bin, ['repl', '--hostname', 'h1'], { input, encoding: 'utf8', cwd: root, timeout: 60_000 });
  return { out: r.stdout, code: r.status };
}

beforeAll(() => requireDist());

describe('piped stdin', () => {
  it('prints value and type of literals, lists, maps, structs, lambdas and core calls', () => {
    const { out, code } = repl(
      [
        '42',
        '-3.25',
        '"a\\tb"',
        'true',
        '[1, 2, 3]',
        '{"a" => 1, "b" => 2}',
        'struct{x => 1, y => "s"}',
        'func($x) { $x + 1 }',
        'len("hello")',
        'import "strings"',
        'strings.to_upper("abc")',
        'func($a, $b) { $a + $b }(1, 2)',
      ].join('\n') + '\n',
    );
    expect(out.split('\n')).toEqual([
      '42 :: int',
      '-3.25 :: float',
      '"a\\tb" :: str',
      'true :: bool',
      '[1, 2, 3] :: []int',
      '{"a": 1, "b": 2} :: map{str: int}',
      'struct{x: 1; y: "s"} :: struct{x int; y str}',
      expect.stringMatching(/ :: func\(x int\) int$/),
      '5 :: int',
      '"ABC" :: str',
      '3 :: int',
      '',
    ]);
    expect(code).toBe(0);
  });

  it('keeps binds and declarations; a failed line is reported with a caret and not kept', () => {
    const { out, code } = repl(['$x = 10', '$x + "a"', '$y = $nope', '$x * 2', 'func sq($n) {', '\t$n * $n', '}', 'sq($x)', ':type sq(2.0)'].join('\n') + '\n');
    const lines = out.split('\n');
    expect(lines[0]).toBe('$x :: int');
    expect(out).toContain('<input>:1:1: errUnify: type error');
    expect(out).toMatch(/\n {4}\$x \+ "a"\n {4}\^+\n/);
    expect(out).toContain('<input>:1:6: errSetScope: var `$nope` does not exist in this scope');
    expect(out).toContain('\n20 :: int\n');
    expect(out).toContain('\n100 :: int\n');
    expect(out).toContain('\nfloat\n');
    // Errors make the exit status 1, but the session went on to the end.
    expect(code).toBe(1);
  });

  it(':graph shows the graph of two resources and an edge; :reset forgets them', () => {
    const { out } = repl(['test "a" {}', 'test "b" {}', 'Test["a"] -> Test["b"]', ':graph', ':reset', ':graph'].join('\n') + '\n');
    expect(out).toBe(
      ['Edge: test[a] -> test[b] # test[a] -> test[b]', 'Vertex: test[a]', 'Vertex: test[b]', 'program cleared', '(empty graph)', ''].join('\n'),
    );
  });

  it('a streaming function shows its current value', () => {
    const { out } = repl('import "datetime"\ndatetime.now()\n');
    const secs = Number(/^(\d+) :: int$/m.exec(out)?.[1]);
    expect(Math.abs(secs - Date.now() / 1000)).toBeLessThan(120);
  });

  it(':load adds a file; :help lists the commands', () => {
    const { out } = repl(':load examples/lang/hello.mcl\n$count\n:help\n');
    expect(out).toMatch(/^loaded examples\/lang\/hello.mcl \(\d+ statements\)\n2 :: int\n/);
    expect(out).toContain(':graph');
  });
});

describeNeeding('interactive terminal (tmux)', commandMissing('tmux', 'tmux', ['-V']), () => {
  it('prompts, continues open braces, cancels with Ctrl-C and leaves with Ctrl-D', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mgmt-repl-tty-'));
    const session = `mgmt-repl-test-${process.pid}`;
    const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
    const pane = () => tmux('capture-pane', '-p', '-t', session).stdout;
    const until = async (want: RegExp) => {
      for (let i = 0; i < 100; i++) {
        if (want.test(pane())) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`waited for ${want}; pane:\n${pane()}`);
    };
    try {
      tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', `MGMT_REPL_HISTORY=${home}/h ${bin} repl; echo EXITED $?; sleep 30`);
      await until(/^mcl>\s*$/m);
      tmux('send-keys', '-t', session, '[1, 2] ', 'Enter');
      await until(/\[1, 2\] :: \[\]int/);
      tmux('send-keys', '-t', session, '{', 'Enter');
      await until(/^\.\.\.>\s*$/m);
      tmux('send-keys', '-t', session, '"k" => "v",', 'Enter', '}', 'Enter');
      await until(/\{"k": "v"\} :: map\{str: str\}/);
      tmux('send-keys', '-t', session, '1 + "x"', 'Enter');
      await until(/errUnify/);
      tmux('send-keys', '-t', session, '"abandoned', 'C-c');
      await until(/\^C/);
      tmux('send-keys', '-t', session, '7 * 6', 'Enter');
      await until(/42 :: int/);
      tmux('send-keys', '-t', session, 'C-d');
      await until(/EXITED 0/);
      expect(pane()).not.toContain('"abandoned ::');
    } finally {
      tmux('kill-session', '-t', session);
      rmSync(home, { recursive: true, force: true });
    }
  }, 30_000);
});
