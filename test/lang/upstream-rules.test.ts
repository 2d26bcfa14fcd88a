// Rules where the language once differed from upstream mgmt (issue 14): what
// a user reads from `mgmt check` (file:line:col: stage: message) and the
// `# err:` line `mgmt graph` prints, whose text is upstream's. Needs dist/.

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeProgram } from '../helpers/compile.js';
import { mgmt, requireDist } from '../helpers/cli.js';

beforeAll(requireDist);

/** `mgmt check --types-only` on one program: its one diagnostic line, with the real path as `main.mcl`. */
function check(src: string): string {
  const dir = writeProgram(src);
  const r = mgmt(['check', '--types-only', join(dir, 'main.mcl')]);
  expect(r.code, r.err).toBe(1);
  return r.out.trimEnd().split(`${dir}/`).join('');
}

/** `mgmt graph` on one program: its `# err:` line. */
function errLine(src: string): string {
  const dir = writeProgram(src);
  const r = mgmt(['graph', '--format=text', join(dir, 'main.mcl')]);
  expect(r.code, r.err).toBe(1);
  return r.out.trimEnd();
}

describe('map keys must be hashable (bool, str, int, float, structs of those)', () => {
  it('rejects a key type known from the syntax at Init', () => {
    expect(check('$m = {["a"] => 1}\ntest "x" {}\n')).toBe('main.mcl:1:6: errInit: map key type []str is not hashable');
  });

  it('rejects one learned by unification, naming the map as upstream does', () => {
    const src = '$k = struct{a => "x", b => ["y"]}\n$m = {$k => "v"}\ntest [$m[$k] <|> "none"] {}\n';
    expect(check(src)).toBe('main.mcl:2:6: errUnify: error setting type: map(var(k): str("v")), error: map key type struct{a str; b []str} is not hashable');
    expect(errLine('$k = ["a"]\n$m = {$k => "v"}\ntest [$m[$k] <|> "none"] {}\n')).toBe(
      '# err: errUnify: error setting type: map(var(k): str("v")), error: map key type []str is not hashable: /main.mcl @ 2:6-2:17',
    );
  });

  it('accepts every hashable key type', () => {
    const dir = writeProgram('$k = struct{a => "x", b => 2}\n$m = {$k => "s"}\n$b = {true => "t"}\n$f = {1.5 => "f"}\ntest [$m[$k] <|> "", $b[true] <|> "", $f[1.5] <|> ""] {}\n');
    const r = mgmt(['graph', '--format=text', join(dir, 'main.mcl')]);
    expect(r.err).toBe('');
    expect(r.out.trimEnd().split('\n').sort()).toEqual(['Vertex: test[f]', 'Vertex: test[s]', 'Vertex: test[t]']);
  });
});

describe('kind names may hold underscores', () => {
  it('compiles ssh:authorized_key, in a resource and in an edge', () => {
    const dir = writeProgram('ssh:authorized_key "k1" {\n\tuser => "root",\n\tkey => "ssh-ed25519 AAAA",\n}\ntest "t" {}\nTest["t"] -> Ssh:Authorized_key["k1"]\n');
    const r = mgmt(['graph', '--format=text', join(dir, 'main.mcl')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out.trimEnd().split('\n').sort()).toEqual([
      'Edge: test[t] -> ssh:authorized_key[k1] # test[t] -> ssh:authorized_key[k1]',
      'Vertex: ssh:authorized_key[k1]',
      'Vertex: test[t]',
    ]);
  });
});

describe("upstream's message texts", () => {
  it('printf: an annotation that contradicts the static value', () => {
    const src = 'import "fmt"\n$x str = if true {\n\t42\n} else {\n\t13\n}\ntest "t1" {\n\tanotherstr => fmt.printf("hello %s", $x),\n}\n';
    expect(check(src)).toBe('main.mcl:8:39: errUnify: type/value inconsistent at arg #1 for func `fmt.printf`: str != int');
  });

  it('printf: an argument whose type is known before unification, through a class argument', () => {
    const src = 'import "fmt"\nclass rule($st) {\n\t$port = $st->port <|> 0\n\ttest [fmt.printf("%d", $port)] {}\n}\ninclude rule(struct{port => "51820"})\n';
    expect(check(src)).toBe('main.mcl:4:8: errUnify: func `printf` infer error: inconsistent type at arg index 1: type error: str != int');
  });

  it('a struct type with a field twice, wherever it is written', () => {
    expect(check('$st struct{x int; x int} = struct{x => 0}\n')).toBe(
      "main.mcl:1:24: errLexParse: can't set return type in parser: `can't set return type in parser: duplicate struct field of `x int``",
    );
    expect(check('$f = func($s struct{x int; x str}) { 1 }\n')).toMatch(/^main.mcl:1:33: errLexParse: .*duplicate struct field of `x str``$/);
  });

  it('a duplicate import alias', () => {
    expect(check('import "fmt"\nimport "os" as fmt\n')).toBe('main.mcl:2:1: errSetScope: import alias `fmt` already exists in this scope');
  });

  it('a stray comma line in a multi-line struct', () => {
    const src = '$st = struct{\n\tw => 1,\n\t,\n\to => 2,\n}\n';
    // a person reads no grammar token names; the `# err:` line keeps upstream's
    expect(check(src)).toBe('main.mcl:3:2: errLexParse: syntax error: unexpected `,`, expecting end of line or `}` or a name');
    expect(errLine(src)).toBe(
      '# err: errLexParse: parser: `syntax error: unexpected COMMA, expecting NEWLINE or CLOSE_CURLY or IDENTIFIER`: /main.mcl @ 3:2-3:3',
    );
  });

  it('a list where a str is expected names the str first', () => {
    expect(check('$name = ["a", "bb"]\ntest "${name}" {}\n')).toBe('main.mcl:2:6: errUnify: type error: str != list');
    expect(check('$name = ["a"]\ntest "t" {}\nTest["${name}"] -> Test["t"]\n')).toBe('main.mcl:3:6: errUnify: type error: str != list');
    // inside a longer string, the part's own type comes first (upstream's concatenation)
    expect(check('$b = true\nprint "p" {\n\tmsg => "b: ${b}",\n}\n')).toBe('main.mcl:3:9: errUnify: type error: bool != str');
  });

  it('struct lookups checked after unification, as upstream builds _struct_lookup', () => {
    expect(check('import "sys"\n$load bool = sys.load()->x1\ntest [if $load { "a" } else { "b" }] {}\n')).toBe(
      'main.mcl:2:14: errUnify: error setting type: func() { <built-in:_struct_lookup> }, error: field x1 type error: base kind does not match (bool != float)',
    );
    const optional = 'include foo(struct{s0 => ["A"]})\nclass foo($st1) {\n\t$s1 = $st1->s0\n\tinclude bar(struct{s2 => $s1})\n}\nclass bar($st2) {\n\t$s3 = $st2->s2 <|> "C"\n\ttest [$s3] {}\n}\n';
    expect(check(optional)).toBe(
      'main.mcl:7:8: errUnify: error setting type: func() { <built-in:_struct_lookup_optional> }, error: non-optional arg must match return type: base kind does not match (str != list)',
    );
    expect(check('$l = [1]\n$v = $l->x\ntest [$v] {}\n')).toBe(
      'main.mcl:2:6: errUnify: error setting type: func() { <built-in:_struct_lookup> }, error: first arg must be of kind struct, got: list',
    );
  });
});
