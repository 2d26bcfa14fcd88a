// SetScope: name resolution, shadowing, classes and include (with `as`),
// imports of local files and module directories, undefined names.

import { describe, expect, it } from 'vitest';
import { errorOf, lines } from '../helpers/compile.js';

describe('variables and shadowing', () => {
  it('keeps names defined in if/for/class bodies inside them', async () => {
    const prog = [
      '$w = "outer"',
      'if true {',
      '\t$w = "if"',
      '}',
      'for $i, $e in ["a"] {',
      '\t$w = "for"',
      '}',
      'class k {',
      '\t$w = "class"',
      '}',
      'include k',
      'test "${w}" {}',
      '',
    ].join('\n');
    expect(await lines(prog)).toEqual(['Vertex: test[outer]']);
  });

  it('loop variables shadow outer variables of another type', async () => {
    expect(await lines('$v = 7\nfor $i, $v in ["p", "q"] {\n\ttest "${v}" {}\n}\n')).toEqual(['Vertex: test[p]', 'Vertex: test[q]']);
  });

  it('sees $hostname, $purpleidea and constants without imports', async () => {
    expect(await lines('test "${hostname}" {}\ntest [$purpleidea] {}\ntest [$const.res.file.state.exists] {}\n')).toEqual([
      'Vertex: test[exists]',
      'Vertex: test[h1]',
      'Vertex: test[hello world!]',
    ]);
  });

  it('names an undefined variable with its byline', async () => {
    const e = await errorOf('test "a" {\n\tanotherstr => $nosuch,\n}\n');
    expect(e.stage).toBe('errSetScope');
    expect(e.text()).toBe('var `$nosuch` does not exist in this scope: /main.mcl @ 2:16-2:23');
  });

  it('prefixes undefined names inside function bodies', async () => {
    const e = await errorOf('$f = func() { $gone }\n');
    expect(e.text()).toMatch(/^failed to set scope on function body: var `\$gone` does not exist in this scope/);
  });

  it('function bodies see their definition site, not the caller', async () => {
    const prog = ['$c = "def"', 'func show() { $c }', 'class k {', '\t$c = "caller"', '\ttest [show()] {}', '}', 'include k', ''].join('\n');
    expect(await lines(prog)).toEqual(['Vertex: test[def]']);
  });
});

describe('classes', () => {
  it('binds arguments per include and checks the count', async () => {
    const prog = 'class pair($l, $r str) {\n\ttest "${l}:${r}" {}\n}\ninclude pair("a", "b")\ninclude pair("c", "d")\n';
    expect(await lines(prog)).toEqual(['Vertex: test[a:b]', 'Vertex: test[c:d]']);
    const e = await errorOf('class one($a) {}\ninclude one\n');
    expect(e.stage).toBe('errSetScope');
    expect(e.text()).toMatch(/^class `one` expected 1 args but got 0/);
  });

  it('exports the instance scope with include … as', async () => {
    const prog = [
      '$top = "T"',
      'class box($arg) {',
      '\t$inner = "in-${arg}"',
      '\tfunc twice($s) { "${s}${s}" }',
      '\tclass nested($n) {',
      '\t\ttest "nested-${n}" {}',
      '\t}',
      '}',
      'include box("q") as b',
      'include b.nested("z")',
      'test [$b.inner, $b.arg, $b.top, b.twice("w")] {}',
      '',
    ].join('\n');
    expect(await lines(prog)).toEqual(['Vertex: test[T]', 'Vertex: test[in-q]', 'Vertex: test[nested-z]', 'Vertex: test[q]', 'Vertex: test[ww]']);
  });

  it('exports nothing without as', async () => {
    const e = await errorOf('class k {\n\t$x = 1\n}\ninclude k\ntest "${k.x}" {}\n');
    expect(e.stage).toBe('errSetScope');
  });

  it('class bodies are checked only when included', async () => {
    expect(await lines('class never {\n\ttest "${nosuch}" {}\n}\n')).toEqual([]);
    expect((await errorOf('include ghost\n')).text()).toBe('class `ghost` does not exist in this scope: /main.mcl @ 1:1-1:14');
  });
});

describe('imports', () => {
  it('imports a local file with its own imports under an alias', async () => {
    const files = {
      'main.mcl': 'import "lib/util.mcl"\nimport "lib/util.mcl" as u2\ntest [$util.greeting, util.shout("x"), $u2.greeting] {}\n',
      'lib/util.mcl': 'import "strings"\n$greeting = "hi"\nfunc shout($s) { strings.to_upper($s) }\n',
    };
    expect((await errorOf(files)).text()).toMatch(/import `lib\/util.mcl` already exists|duplicate/);
    const ok = { ...files, 'main.mcl': 'import "lib/util.mcl"\ntest [$util.greeting, util.shout("x")] {}\n' };
    expect(await lines(ok)).toEqual(['Vertex: test[X]', 'Vertex: test[hi]']);
  });

  it('imports a module directory through its metadata.yaml', async () => {
    const files = {
      'main.mcl': 'import "mod1/"\ninclude mod1.res("m")\ntest [$mod1.v] {}\n',
      'mod1/metadata.yaml': 'main: "entry.mcl"\n',
      'mod1/entry.mcl': '$v = "from-mod"\nclass res($n) {\n\ttest "res-${n}" {}\n}\n',
    };
    expect(await lines(files)).toEqual(['Vertex: test[from-mod]', 'Vertex: test[res-m]']);
  });

  it('uses the top metadata.yaml to find the entry', async () => {
    expect(await lines({ 'metadata.yaml': 'main: "start.mcl"\n', 'start.mcl': 'test "started" {}\n' })).toEqual(['Vertex: test[started]']);
  });

  it('does not let an imported file see the importer', async () => {
    const e = await errorOf({ 'main.mcl': '$secret = "s"\nimport "other.mcl"\n', 'other.mcl': '$y = $secret\n' });
    expect(e.stage).toBe('errSetScope');
    expect(e.text()).toMatch(/^local import of `other.mcl` failed: could not set scope from import: var `\$secret` does not exist in this scope: \/other.mcl @ 1:6-1:13: \/main.mcl @ 2:1-2:/);
  });

  it('rejects output statements in imported files and parse errors there', async () => {
    const stmt = await errorOf({ 'main.mcl': 'import "x.mcl"\n', 'x.mcl': 'test "no" {}\n' });
    expect(stmt.text()).toMatch(/^local import of `x.mcl` failed: module contains unused statements: found stmt: res\(test\): \/x.mcl @ 1:1-1:13/);
    const parse = await errorOf({ 'main.mcl': 'import "x.mcl"\n', 'x.mcl': '$a = (\n' });
    expect(parse.stage).toBe('errSetScope');
    expect(parse.text()).toMatch(/^local import of `x.mcl` failed: could not generate AST from import: parser: /);
  });

  it('rejects unknown system modules, absolute paths and module-qualified names without import', async () => {
    expect((await errorOf('import "nonexistentxyz"\n')).text()).toMatch(/^system import of `nonexistentxyz` failed/);
    expect((await errorOf('import "/abs.mcl"\n')).text()).toMatch(/absolute paths are not allowed/);
    expect((await errorOf('test [strings.to_upper("a")] {}\n')).text()).toMatch(/^func `strings.to_upper` does not exist in this scope/);
  });

  it('rejects import cycles', async () => {
    const e = await errorOf({ 'main.mcl': 'import "a.mcl"\n', 'a.mcl': 'import "b.mcl"\n', 'b.mcl': 'import "a.mcl"\n' });
    expect(e.stage).toBe('errSetScope');
    expect(e.text()).toMatch(/recursive import/);
  });
});
