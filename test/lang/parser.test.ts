import { describe, expect, it } from 'vitest';
import type { Expr, Program, StmtBind, StmtRes } from '../../src/lang/ast.js';
import { parse } from '../../src/lang/parser.js';
import { MclParser } from '../../src/lang/parser-stmt.js';

function ok(src: string): Program {
  const r = parse(src, '/main.mcl');
  if (r.errors.length) throw new Error(`unexpected parse error: ${r.errors[0]}`);
  return r.ast!;
}

/** The one error of a failing parse, as upstream prints it (message + byline). */
function err(src: string): string {
  const r = parse(src, '/main.mcl');
  expect(r.ast).toBeUndefined();
  expect(r.errors).toHaveLength(1);
  return r.errors[0].text();
}

/** The value of `$x = ...` as an S-expression, to check precedence. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'bool':
      return String(e.value);
    case 'str':
      return JSON.stringify(e.raw);
    case 'int':
      return String(e.value);
    case 'float':
      return e.raw;
    case 'var':
      return '$' + e.name;
    case 'list':
      return `[${e.elems.map(show).join(' ')}]`;
    case 'binary':
      return `(${e.op} ${show(e.left)} ${show(e.right)})`;
    case 'not':
      return `(not ${show(e.expr)})`;
    case 'index':
      return `(index ${show(e.obj)} ${show(e.index)})`;
    case 'field':
      return e.def ? `(field? ${show(e.obj)} ${e.field} ${show(e.def)})` : `(field ${show(e.obj)} ${e.field})`;
    case 'except':
      return `(except ${show(e.left)} ${show(e.right)})`;
    case 'call':
      return `(call ${e.callee.kind === 'lambda' ? 'lambda' : e.callee.name} ${e.args.map(show).join(' ')})`.replace(/ \)$/, ')');
    case 'ifexpr':
      return `(if ${show(e.cond)} ${show(e.then)} ${show(e.else)})`;
    default:
      return e.kind;
  }
}
const expr = (src: string) => show((ok(`$x = ${src}\n`).body[0] as StmtBind).value);

describe('the grammar', () => {
  it("passes chevrotain's checks (the parser the compiler uses skips them at start-up)", () => {
    expect(() => new MclParser({ maxLookahead: 1 })).not.toThrow();
    expect(() => new MclParser({ maxLookahead: 1, recoveryEnabled: true })).not.toThrow();
  });
});

describe('parse: statements', () => {
  it('parses binds, with and without a type', () => {
    const [a, b] = ok('$a = 1\n$b []str = ["x"]\n').body as StmtBind[];
    expect(a).toMatchObject({ kind: 'bind', name: 'a', value: { kind: 'int', value: 1n } });
    expect(a.type).toBeUndefined();
    expect(b.type).toEqual({ k: 'list', elem: { k: 'str' } });
  });

  it('parses resources: fields, conditional fields, meta, edges', () => {
    const src = [
      'test "t" {',
      '\tanotherstr => "x",',
      '\tint8 => $b ?: 42,',
      '\tMeta:noop => true,',
      '\tMeta => struct{',
      '\t\tpoll => 5,',
      '\t},',
      '\tBefore => Test["a"],',
      '\tNotify => $c ?: Http:Server:Ui["b"],',
      '}',
      '',
    ].join('\n');
    const res = ok(src).body[0] as StmtRes;
    expect(res).toMatchObject({ kind: 'res', resKind: 'test', collect: false, name: { kind: 'str', raw: 't' } });
    expect(res.items.map((i) => i.kind)).toEqual(['field', 'field', 'meta', 'meta', 'edgeprop', 'edgeprop']);
    expect(res.items[1]).toMatchObject({ name: 'int8', cond: { kind: 'var', name: 'b' }, value: { kind: 'int', value: 42n } });
    expect(res.items[2]).toMatchObject({ property: 'noop', value: { kind: 'bool', value: true } });
    expect(res.items[3]).toMatchObject({ kind: 'meta', value: { kind: 'struct' } });
    expect((res.items[3] as { property?: string }).property).toBeUndefined();
    expect(res.items[4]).toMatchObject({ property: 'before', half: { resKind: 'test', name: { raw: 'a' } } });
    expect(res.items[5]).toMatchObject({ property: 'notify', cond: { name: 'c' }, half: { resKind: 'http:server:ui' } });
  });

  it('accepts any capitalized edge property (validated later) but only Meta for values', () => {
    expect(ok('test "t" {\n\tFrobnicate => Test["a"],\n}\n').body[0]).toMatchObject({ items: [{ kind: 'edgeprop', property: 'frobnicate' }] });
    expect(err('test "t" {\n\tFoo:bar => 1,\n}\n')).toBe("parser: `can't use unknown resource field: foo`: /main.mcl @ 2:2-2:3");
    expect(err('test "t" {\n\tFoo => 1,\n}\n')).toMatch(/can't use unknown resource field: foo/);
  });

  it('parses collect, kinds with colons, and lowercases edge kinds', () => {
    expect(ok('collect http:server:ui "x" {}\n').body[0]).toMatchObject({ kind: 'res', collect: true, resKind: 'http:server:ui' });
    expect(ok('Test["a"] -> File["b"] -> Http:Server["c"]\n').body[0]).toMatchObject({
      kind: 'edge',
      halves: [{ resKind: 'test' }, { resKind: 'file' }, { resKind: 'http:server' }],
    });
  });

  it('parses send/recv pairs', () => {
    const e = ok('Test["a"].hello -> Test["b"].anotherstr\n').body[0];
    expect(e).toMatchObject({ kind: 'edge', halves: [{ field: 'hello' }, { field: 'anotherstr' }] });
  });

  it('parses if/else, for, forkv', () => {
    const [i, f, k] = ok('if $b {\n\ttest "a" {}\n} else {\n}\nfor $i, $v in $l {\n}\nforkv $k, $v in $m {\n}\n').body;
    expect(i).toMatchObject({ kind: 'if', then: { body: [{ kind: 'res' }] }, else: { body: [] } });
    expect(f).toMatchObject({ kind: 'for', index: 'i', value: 'v', expr: { kind: 'var', name: 'l' } });
    expect(k).toMatchObject({ kind: 'forkv', key: 'k', value: 'v' });
  });

  it('parses func, class, include, import and panic', () => {
    const body = ok(
      [
        'func add($a int, $b) int {',
        '\t$a + $b',
        '}',
        'class a:b:c($x, $y str) {',
        '}',
        'class d {',
        '}',
        'include b1.inner(1, "x") as i',
        'include d',
        'import "fmt"',
        'import "git://x/y" as *',
        'import "z.mcl" as zz',
        'panic(true)',
        '',
      ].join('\n'),
    ).body;
    expect(body[0]).toMatchObject({ kind: 'func', name: 'add', func: { params: [{ name: 'a', type: { k: 'int' } }, { name: 'b' }], ret: { k: 'int' } } });
    expect(body[1]).toMatchObject({ kind: 'class', name: 'a:b:c', params: [{ name: 'x' }, { name: 'y', type: { k: 'str' } }] });
    expect(body[2]).toMatchObject({ kind: 'class', name: 'd' });
    expect((body[2] as { params?: unknown }).params).toBeUndefined();
    expect(body[3]).toMatchObject({ kind: 'include', name: 'b1.inner', alias: 'i', args: [{ kind: 'int' }, { kind: 'str' }] });
    expect((body[4] as { args?: unknown }).args).toBeUndefined();
    expect(body.slice(5, 8)).toMatchObject([{ name: 'fmt' }, { name: 'git://x/y', alias: '*' }, { name: 'z.mcl', alias: 'zz' }]);
    expect(body[8]).toMatchObject({ kind: 'panic', args: [{ kind: 'bool', value: true }] });
  });

  it('accepts map and collect as variable, function and path names only', () => {
    ok('$map = 1\n$collect = 2\n$y = iter.map($map)\n$z = collect.res("file")\nfunc map($a) { $a }\n');
    expect(err('map "x" {}\n')).toMatch(/unexpected MAP_IDENTIFIER/);
    expect(err('class map {\n}\n')).toMatch(/unexpected MAP_IDENTIFIER/);
    expect(err('$x = struct{map => 1}\n')).toMatch(/unexpected MAP_IDENTIFIER/);
  });

  it('returns comments apart', () => {
    const r = parse('# top\n$x = 1 # one\n', '/main.mcl');
    expect(r.comments.map((c) => c.text)).toEqual([' top', ' one']);
    expect(r.comments[1].span).toMatchObject({ line: 2, col: 8, endCol: 13 });
  });
});

describe('parse: expressions and precedence', () => {
  it('follows the precedence table', () => {
    expect(expr('1 + 2 in [3]')).toBe('(in (+ 1 2) [3])');
    expect(expr('not $a == $b')).toBe('(== (not $a) $b)');
    expect(expr('$m["k"] <|> "b" + "c"')).toBe('(except (index $m "k") (+ "b" "c"))');
    expect(expr('true or false and false')).toBe('(or true (and false false))');
    expect(expr('1 + 2 * 3 - 4 / 5')).toBe('(- (+ 1 (* 2 3)) (/ 4 5))');
    expect(expr('(1 + 2) * 3')).toBe('(* (+ 1 2) 3)');
    expect(expr('$a < 1 and $b >= 2 or $c != 3')).toBe('(or (and (< $a 1) (>= $b 2)) (!= $c 3))');
    expect(expr('$a <|> $b <|> $c')).toBe('(except (except $a $b) $c)');
  });

  it('takes `<|>` after `-> field` as the optional-field form', () => {
    expect(expr('$a + $st->x <|> 0')).toBe('(+ $a (field? $st x 0))');
    expect(expr('$st->x->y')).toBe('(field (field $st x) y)');
    expect(expr('$st->x <|> 0 + 1')).toBe('(field? $st x (+ 0 1))');
  });

  it('parses indexes, dotted vars and calls', () => {
    expect(expr('$l[0][1]')).toBe('(index (index $l 0) 1)');
    expect(expr('$a.b.c')).toBe('$a.b.c');
    expect(expr('fmt.printf("%d", 1)')).toBe('(call fmt.printf "%d" 1)');
    expect(expr('$f()')).toBe('(call f)');
    expect(expr('func($x) { $x }(3)')).toBe('(call lambda 3)');
    expect(expr('if $b { 1 } else { 2 }')).toBe('(if $b 1 2)');
  });

  it('keeps string literals raw and checks integer range', () => {
    expect(expr('"a\\n${x}"')).toBe(JSON.stringify('a\\n${x}'));
    expect(expr('-9223372036854775808')).toBe('-9223372036854775808');
    expect(err('$x = 9223372036854775808\n')).toBe('integer: overflow: `9223372036854775808`: /main.mcl @ 1:6-1:7');
    expect(expr('1.50')).toBe('1.50');
  });

  it('rejects chained comparisons and unary minus on expressions', () => {
    expect(err('$x = 1 == 2 == 3\n')).toMatch(/unexpected EQ/);
    expect(err('$y = $x-1\n')).toMatch(/unexpected INTEGER/);
    expect(err('$y = 5-3\n')).toMatch(/unexpected INTEGER/);
    expect(expr('$x - 1')).toBe('(- $x 1)');
  });

  it('rejects keywords as variable names', () => {
    expect(err('$fn = func($in) {\n\t13\n}\n')).toBe(
      'parser: `syntax error: unexpected IN, expecting MAP_IDENTIFIER or IDENTIFIER or COLLECT_IDENTIFIER`: /main.mcl @ 1:13-1:14',
    );
    expect(err('$x = $true\n')).toMatch(/unexpected BOOL,/);
  });

  it('parses types', () => {
    const t = (src: string) => (ok(`$x ${src} = $y\n`).body[0] as StmtBind).type;
    expect(t('map{str: []int}')).toEqual({ k: 'map', key: { k: 'str' }, val: { k: 'list', elem: { k: 'int' } } });
    expect(t('struct{a int; b str}')).toEqual({ k: 'struct', fields: [{ name: 'a', type: { k: 'int' } }, { name: 'b', type: { k: 'str' } }] });
    expect(t('func(int, $b str) bool')).toEqual({ k: 'func', args: [{ type: { k: 'int' } }, { name: 'b', type: { k: 'str' } }], ret: { k: 'bool' } });
    expect(t('func(\n\tint,\n\tstr,\n) float')).toMatchObject({ k: 'func', args: [{}, {}], ret: { k: 'float' } });
    expect(t('variant')).toEqual({ k: 'variant' });
  });

  it('rejects annotations that the parser can check', () => {
    // upstream's error kind for these is "can't set return type in parser", not "parser"
    expect(err('$x int = "hello"\n')).toBe(
      "can't set return type in parser: `can't set return type in parser: base kind does not match (str != int)`: /main.mcl @ 1:10-1:11",
    );
    // at the struct type's closing brace, wherever the type is written
    expect(err('$x struct{a int; a str} = $y\n')).toBe(
      "can't set return type in parser: `can't set return type in parser: duplicate struct field of `a str``: /main.mcl @ 1:23-1:24",
    );
    expect(err('$f = func($s []struct{a int; a str}) { 1 }\n')).toMatch(/duplicate struct field of `a str``: \/main.mcl @ 1:35-1:36$/);
    expect(err('$f = func($g func($a int, $a str) int) { 1 }\n')).toMatch(/duplicate arg name of `a``/);
    // a syntax error later in the file wins, as upstream's parser reports its last error
    expect(err('$d []struct{x int; x int}\n')).toBe('parser: `syntax error: unexpected NEWLINE, expecting EQUALS`: /main.mcl @ 1:26-1:27');
    ok('$x str = "hello"\n$y float = 1.5\n$z []int = []\n');
  });
});

describe('parse: newline discipline', () => {
  it('accepts the single-line and the multi-line forms', () => {
    ok('$l = [1, 2]\n$m = [\n\t1,\n\t2,\n]\n$e = [\n]\n');
    ok('$m = {"a" => 1, "b" => 2}\n$n = {\n\t"a" => 1,\n\n\t"b" => 2,\n}\n');
    ok('$s = struct{a => 1, b => 2}\n$t = struct{\n\ta => 1,\n}\n');
    ok('$c = f(1, 2)\n$d = f(\n\t1, # one\n\t2,\n)\n');
    ok('$f = func($a, $b) { $a }\n$g = func(\n\t$a,\n\t$b,\n) {\n\t$a\n}\n');
  });

  it('rejects mixed forms', () => {
    expect(err('$c = f("%s",\n\t$x)\n')).toMatch(/unexpected NEWLINE/);
    expect(err('$l = [1,\n2]\n')).toMatch(/unexpected NEWLINE/);
    expect(err('$l = [\n\t1, 2,\n]\n')).toMatch(/unexpected INTEGER, expecting NEWLINE/);
    expect(err('$l = [1, 2,]\n')).toMatch(/unexpected CLOSE_BRACK/);
  });

  it('allows free newlines and single-line items in resource bodies, each ending with a comma', () => {
    ok('test "t" { anotherstr => "x", }\ntest "u" {\n\n\tanotherstr => "x", int8 => 1,\n\n}\n');
    expect(err('test "t" {\n\tanotherstr => "x"\n}\n')).toBe('parser: `syntax error: unexpected NEWLINE`: /main.mcl @ 2:19-2:20');
  });

  it('needs newline-terminated statements in blocks', () => {
    ok('if $b {}\nif $b {\n\ttest "x" {}\n}\n');
    expect(err('if $b { test "x" {} }\n')).toMatch(/unexpected CLOSE_CURLY, expecting NEWLINE/);
  });

  it('wants `} else {` on one line and no `else if`', () => {
    expect(err('if $b {\n}\nelse {\n}\n')).toMatch(/^parser: `syntax error: unexpected ELSE`: \/main.mcl @ 3:1-3:2$/);
    expect(err('if $b {\n} else if $c {\n}\n')).toMatch(/unexpected IF/);
  });

  it('allows newlines around func bodies and if-expression branches', () => {
    ok('$x = if $b {\n\t1\n} else {\n\t2\n}\nfunc f() {\n\n\t1\n\n}\n');
  });

  it('appends the final newline when it is missing', () => {
    expect(ok('$x = 1').body).toHaveLength(1);
    expect(ok('').body).toHaveLength(0);
  });
});

describe('parse: error messages (reference §11.1)', () => {
  const cases: [string, string][] = [
    ['$x = [1, 2, ]]\n', 'unexpected CLOSE_BRACK'],
    ['$x = f("a", "b",)\n', 'unexpected CLOSE_PAREN'],
    ['$x = f("a", , "b")\n', 'unexpected COMMA'],
    ['$x = [,"w"]\n', 'unexpected COMMA'],
    ['$x = {,"w" => 1}\n', 'unexpected COMMA'],
    ['$x = {"w" => 1, , "o" => 2}\n', 'unexpected COMMA'],
    ['$f func(str, str,) str = $g\n', 'unexpected CLOSE_PAREN'],
    ['$x = [\n\t"w",\n\t,\n]\n', 'unexpected COMMA'],
    ['test "t" {}\n)\n', 'unexpected CLOSE_PAREN'],
    ['$x = f(\n\t"a",\n\t"b"\n)\n', 'unexpected NEWLINE'],
    ['func bar(\n\t$a,\n\t$b\n) {\n\t$a\n}\n', 'unexpected NEWLINE, expecting COMMA'],
    ['$f func(\n\tstr,\n\tstr\n) str = $g\n', 'unexpected NEWLINE, expecting COMMA'],
    ['$f = func($a, $b,) {\n\t$a\n}\n', 'unexpected CLOSE_PAREN, expecting DOLLAR'],
    ['$f = func($x,,$y) {\n\t$x\n}\n', 'unexpected COMMA, expecting DOLLAR'],
    ['$x = f(, "x")\n', 'unexpected COMMA, expecting CLOSE_PAREN'],
    ['$f = func(,$x) {\n\t$x\n}\n', 'unexpected COMMA, expecting CLOSE_PAREN'],
    ['$f func(, str) str = $g\n', 'unexpected COMMA, expecting CLOSE_PAREN'],
    ['$x = f(\n\t, "w",\n)\n', 'unexpected COMMA, expecting CLOSE_PAREN'],
    ['$f = func(\n\t$x,\n\t,\n) {\n\t$x\n}\n', 'unexpected COMMA, expecting CLOSE_PAREN'],
    ['$x = struct{,w => 1}\n', 'unexpected COMMA, expecting NEWLINE or CLOSE_CURLY or IDENTIFIER'],
    ['$x = struct{w => 1, , o => 2}\n', 'unexpected COMMA, expecting IDENTIFIER'],
    // upstream's TestAstFunc1 syntax-multiline-struct-double-comma: a field's start, as after `struct{`
    ['$x = struct{\n\tw => 1,\n\t,\n}\n', 'unexpected COMMA, expecting NEWLINE or CLOSE_CURLY or IDENTIFIER'],
    ['$x = struct{\n\t,w => 1,\n}\n', 'unexpected COMMA, expecting NEWLINE or CLOSE_CURLY or IDENTIFIER'],
    ['$x struct{; x str} = $y\n', 'unexpected SEMICOLON, expecting CLOSE_CURLY or IDENTIFIER'],
    ['$x = [1, 2 3]\n', 'unexpected INTEGER, expecting CLOSE_BRACK or COMMA'],
    ['$x = [1, 2]]\n', 'unexpected CLOSE_BRACK, expecting NEWLINE'],
    ['$x = 1 2\n', 'unexpected INTEGER, expecting NEWLINE'],
    ['$d []int\n', 'unexpected NEWLINE, expecting EQUALS'],
    ['$d []struct{x int;x int}\n', 'unexpected NEWLINE, expecting EQUALS'],
  ];
  it.each(cases)('%j → %s', (src, msg) => {
    expect(err(src)).toMatch(new RegExp(`^parser: \`syntax error: ${msg.replace(/\$/g, '\\$')}\`: /main.mcl @ \\d+:\\d+-\\d+:\\d+$`));
  });

  it('points at the offending token with a 1-character span', () => {
    expect(err('$x = [1, 2, ]]\n')).toBe('parser: `syntax error: unexpected CLOSE_BRACK`: /main.mcl @ 1:13-1:14');
    expect(err('test "t" {\n\tx => f(\n\t\t"a",\n\t\t"b"\n\t),\n}\n')).toBe('parser: `syntax error: unexpected NEWLINE`: /main.mcl @ 4:6-4:7');
  });

  it('reports a missing `}` at the end of the input, on the last line', () => {
    expect(err('test "a" {}\ntest "zz" {\n')).toBe(
      'parser: `syntax error: unexpected $end, expecting NEWLINE or CLOSE_CURLY or IDENTIFIER or CAPITALIZED_IDENTIFIER`: /main.mcl @ 2:12-2:13',
    );
  });

  it('reports lexer errors in text order with parser errors', () => {
    expect(err('$x = 1\r\n')).toBe('unrecognized carriage return: /main.mcl @ 1:7-1:8');
    expect(err('$x = @\n')).toBe('unrecognized: `@`: /main.mcl @ 1:6-1:7');
    expect(err('$x = 1 2\n$y = @\n')).toMatch(/unexpected INTEGER/);
    expect(err('$y = @\n$x = 1 2\n')).toMatch(/unrecognized/);
    // Out-of-range literals are lexer errors: they win over a syntax error at the same token.
    expect(err('$x = 1 99999999999999999999\n')).toMatch(/^integer: overflow: `99999999999999999999`/);
  });

  it('stage is errLexParse', () => {
    expect(parse('$x = \n', '/m.mcl').errors[0].stage).toBe('errLexParse');
  });
});

describe('parse: spans', () => {
  const src = 'import "fmt"\n$l = [1, 42]\ntest "t" {\n\tanotherstr => fmt.printf("%d", $l[1]),\n}\n';
  const ast = ok(src);
  const res = ast.body[2] as StmtRes;
  const text = (s: { start: number; end: number }) => src.slice(s.start, s.end);

  it('puts the file in every span', () => {
    expect(res.span.file).toBe('/main.mcl');
  });

  it('covers a statement from its first to its last token', () => {
    expect(res.span).toMatchObject({ line: 3, col: 1, endLine: 5, endCol: 2 });
    expect(text(res.span)).toBe('test "t" {\n\tanotherstr => fmt.printf("%d", $l[1]),\n}');
    expect(text(ast.body[0].span)).toBe('import "fmt"');
    expect(text(ast.body[1].span)).toBe('$l = [1, 42]');
  });

  it('covers literals with their quotes, calls from name to `)`, indexes to `]`', () => {
    expect(res.name.span).toMatchObject({ line: 3, col: 6, endLine: 3, endCol: 9 });
    const call = (res.items[0] as { value: Expr }).value;
    expect(text(call.span)).toBe('fmt.printf("%d", $l[1])');
    expect(call.span).toMatchObject({ line: 4, col: 16, endCol: 39 });
    const idx = (call as { args: Expr[] }).args[1];
    expect(text(idx.span)).toBe('$l[1]');
    expect(text((ast.body[1] as StmtBind).nameSpan)).toBe('$l');
    expect(text(res.kindSpan)).toBe('test');
  });

  it('counts a tab as one column', () => {
    expect(res.items[0].span).toMatchObject({ line: 4, col: 2 });
  });

  it('spans multi-line strings to their closing quote', () => {
    const b = ok('$s = "a\nbc"\n').body[0] as StmtBind;
    expect(b.value.span).toMatchObject({ line: 1, col: 6, endLine: 2, endCol: 4, start: 5, end: 11 });
  });
});

describe('parse: recovery', () => {
  it('reports several errors and a partial tree when asked', () => {
    const r = parse('$x = 1 2\n$y = [1,,2]\n$z = 3\n', '/main.mcl', { recover: true });
    expect(r.errors.map((e) => e.span!.line)).toEqual([1, 2]);
    expect(r.ast?.body.some((s) => s.kind === 'bind' && s.name === 'z')).toBe(true);
  });

  it('builds the tree around unparsable expressions', () => {
    const r = parse('$x = [1, , 2]\n$y = {"a" => }\n$f = func($a,) { $a }\nTest[] -> Test["b"]\n', '/main.mcl', { recover: true });
    expect(r.errors.map((e) => e.span!.line)).toEqual([1, 2, 3, 4]);
    expect(r.ast?.body.map((s) => s.kind)).toEqual(['bind', 'bind', 'bind', 'edge']);
  });

  it('stops at the first error otherwise', () => {
    const r = parse('$x = 1 2\n$y = [1,,2]\n', '/main.mcl');
    expect(r.errors).toHaveLength(1);
    expect(r.ast).toBeUndefined();
  });
});
