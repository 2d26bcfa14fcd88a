// Unify: type inference over whole programs — polymorphic func statements,
// monomorphic lambdas, printf checks, resource params and send/recv checks.

import { describe, expect, it } from 'vitest';
import { checkProgram, errorOf, lines } from '../helpers/compile.js';

const unifyErr = async (src: string) => {
  const e = await errorOf(src);
  expect(e.stage, e.toString()).toBe('errUnify');
  return e.text();
};

describe('polymorphism', () => {
  it('gives each call of a func statement its own types', async () => {
    const prog = 'import "fmt"\nfunc same($a) { $a }\ntest [same("s"), fmt.printf("%d", same(3)), fmt.printf("%t", same(true))] {}\n';
    expect(await lines(prog)).toEqual(['Vertex: test[3]', 'Vertex: test[s]', 'Vertex: test[true]']);
  });

  it('gives a lambda bound to a variable one type for all its calls', async () => {
    const text = await unifyErr('import "fmt"\n$id = func($a) { $a }\ntest [$id("s"), fmt.printf("%d", $id(3))] {}\n');
    expect(text).toMatch(/^type error: (str != int|int != str)/);
  });

  it('accepts one lambda used at one type', async () => {
    expect(await lines('$up = func($s) { "<${s}>" }\ntest [$up("a"), $up("b")] {}\n')).toEqual(['Vertex: test[<a>]', 'Vertex: test[<b>]']);
  });

  it('checks a lambda call arity', async () => {
    expect(await unifyErr('$f = func($a, $b) { $a + $b }\ntest [$f("x")] {}\n')).toMatch(/func arg count differs/);
  });
});

describe('type mismatches', () => {
  it('reports operands of different types', async () => {
    expect(await unifyErr('$n = 1 + "one"\ntest [$n] {}\n')).toMatch(/^type error: /);
  });

  it('does not type-check unused binds', async () => {
    expect(checkProgram('$unused = 1 + "one"\n').error).toBeUndefined();
  });

  it('checks an if condition and branch types', async () => {
    expect(await unifyErr('$c = if 1 { "a" } else { "b" }\ntest [$c] {}\n')).toMatch(/bool/);
    expect(await unifyErr('$c = if true { "a" } else { 2 }\ntest [$c] {}\n')).toMatch(/type error/);
  });

  it('checks annotations', async () => {
    // a literal that contradicts its annotation is already caught by the parser
    expect((await errorOf('$n int = "str"\n')).text()).toMatch(/^can't set return type in parser: `can't set return type in parser: /);
    expect(await unifyErr('$n str = len("abc")\ntest "${n}" {}\n')).toMatch(/type error: (int != str|str != int)/);
    expect(await lines('$l []int = []\ntest "a" {\n\tslicestring => [],\n}\n')).toEqual(['Vertex: test[a]']);
  });
});

describe('printf', () => {
  it('checks verbs against argument types for a static format', async () => {
    expect(await unifyErr('import "fmt"\ntest [fmt.printf("%d", "x")] {}\n')).not.toBe('');
    expect(await unifyErr('import "fmt"\ntest [fmt.printf("%s %s", "x")] {}\n')).not.toBe('');
  });

  it('formats each verb', async () => {
    const prog = 'import "fmt"\ntest [fmt.printf("%s|%d|%f|%f|%t|%v|%v|%q|%T", "s", 42, 2.5, 4.0, false, [1, 2], {"k" => 1}, "q", "t")] {}\n';
    expect(await lines(prog)).toEqual(['Vertex: test[s|42|2.5|4|false|[1, 2]|{"k": 1}|"q"|str]']);
  });
});

describe('resources', () => {
  it('rejects unknown fields and wrongly typed params', async () => {
    expect(await unifyErr('test "a" {\n\tnosuchfield => 1,\n}\n')).toMatch(/^field `nosuchfield` does not exist in `test` resource/);
    expect(await unifyErr('test "a" {\n\tanotherstr => 42,\n}\n')).toMatch(/^type error: (str != int|int != str)/);
    expect(await unifyErr('test "a" {\n\tMeta:noop => "yes",\n}\n')).toMatch(/type error/);
  });

  it('needs a []str name when the name is not statically a string', async () => {
    expect(await lines('for $i, $v in ["x", "y"] {\n\ttest [$v] {}\n}\n')).toEqual(['Vertex: test[x]', 'Vertex: test[y]']);
    expect(await unifyErr('test 42 {}\n')).toMatch(/type error/);
  });

  it('rejects an edge with one half', async () => {
    expect(await unifyErr('test "a" {}\nTest["a"]\n')).toMatch(/^can't create an edge with only one half: \/main.mcl @ 2:1-2:10/);
  });

  it('checks send/recv keys and kinds', async () => {
    expect(await unifyErr('test "a" {}\ntest "b" {}\nTest["a"].nokey -> Test["b"].anotherstr\n')).toMatch(/key not found in send struct/);
    expect(await unifyErr('test "a" {}\ntest "b" {}\nTest["a"].answer -> Test["b"].anotherstr\n')).toBe(
      'cannot send/recv from test[a].answer to test[b].anotherstr: field kind mismatch between int and string: /main.mcl @ 3:1-3:41',
    );
    expect(await unifyErr('file "/tmp/f" {}\ntest "b" {}\nFile["/tmp/f"].x -> Test["b"].anotherstr\n')).toMatch(/cannot send from resource of kind: file/);
  });

  it('accepts a good send/recv and prints it as an edge', async () => {
    expect(await lines('test "a" {\n\tsendvalue => "v",\n}\ntest "b" {}\nTest["a"].hello -> Test["b"].anotherstr\n')).toEqual([
      'Edge: test[a] -> test[b] # test[a] -> test[b]',
      'Vertex: test[a]',
      'Vertex: test[b]',
    ]);
  });
});

describe('struct, map and list operations', () => {
  it('types field access, lookups and defaults', async () => {
    const prog = [
      '$s = struct{name => "n", size => 3}',
      '$m = {"a" => 1, "b" => 2}',
      '$l = ["p", "q"]',
      'test [$s->name, $l[1], "${m["b"]}"] {}',
      '',
    ].join('\n');
    // the lexer ends the string at the inner quote
    expect((await errorOf(prog)).stage).toBe('errLexParse');
    const ok = ['import "fmt"', '$s = struct{name => "n", size => 3}', '$m = {"a" => 1, "b" => 2}', '$l = ["p", "q"]', 'test [$s->name, $l[1], fmt.printf("%d", $m["b"] + $s->size)] {}', ''].join('\n');
    expect(await lines(ok)).toEqual(['Vertex: test[5]', 'Vertex: test[n]', 'Vertex: test[q]']);
  });

  it('rejects a missing struct field at compile time', async () => {
    expect(await unifyErr('$s = struct{a => "x"}\ntest [$s->b] {}\n')).toMatch(/field b was not found in struct/);
  });
});
