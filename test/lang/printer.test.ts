import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BinaryOp, Expr, Program, Stmt } from '../../src/lang/ast.js';
import { parse } from '../../src/lang/parser.js';
import type { Span } from '../../src/lang/errors.js';
import { printExpr, printProgram, printType } from '../../src/lang/printer.js';
import { parseType } from '../../src/lang/types/type.js';
import { expectAstEqual } from '../helpers/ast-equal.js';
import { listTxtar, readTxtar } from '../helpers/txtar.js';

const S: Span = { file: '/main.mcl', line: 1, col: 1, endLine: 1, endCol: 2, start: 0, end: 0 };
const str = (raw: string): Expr => ({ kind: 'str', raw, span: S });
const int = (n: number): Expr => ({ kind: 'int', value: BigInt(n), span: S });
const v = (name: string): Expr => ({ kind: 'var', name, span: S });
const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, span: S });
const not = (expr: Expr): Expr => ({ kind: 'not', expr, span: S });
const list = (...elems: Expr[]): Expr => ({ kind: 'list', elems, span: S });
const field = (obj: Expr, f: string, def?: Expr): Expr => ({ kind: 'field', obj, field: f, def, span: S });
const except = (left: Expr, right: Expr): Expr => ({ kind: 'except', left, right, span: S });
const call = (name: string, ...args: Expr[]): Expr => ({ kind: 'call', callee: { kind: 'name', name }, calleeSpan: S, args, span: S });

describe('expressions', () => {
  it('adds parentheses only where precedence needs them', () => {
    expect(printExpr(bin('+', int(1), bin('*', int(2), int(3))))).toBe('1 + 2 * 3');
    expect(printExpr(bin('*', bin('+', int(1), int(2)), int(3)))).toBe('(1 + 2) * 3');
    expect(printExpr(bin('-', int(1), bin('-', int(2), int(3))))).toBe('1 - (2 - 3)');
    expect(printExpr(bin('-', bin('-', int(1), int(2)), int(3)))).toBe('1 - 2 - 3');
    expect(printExpr(bin('==', bin('==', v('a'), v('b')), v('c')))).toBe('($a == $b) == $c');
    expect(printExpr(bin('==', not(v('a')), v('b')))).toBe('not $a == $b');
    expect(printExpr(not(bin('==', v('a'), v('b'))))).toBe('not ($a == $b)');
    expect(printExpr(bin('or', v('a'), bin('and', v('b'), v('c'))))).toBe('$a or $b and $c');
    expect(printExpr(bin('and', bin('or', v('a'), v('b')), v('c')))).toBe('($a or $b) and $c');
    expect(printExpr(bin('in', bin('+', int(1), int(2)), list(int(3))))).toBe('1 + 2 in [3]');
    expect(printExpr(bin('+', v('x'), int(-1)))).toBe('$x + -1');
  });
  it('keeps `<|>` and the optional field form apart', () => {
    expect(printExpr(except(v('a'), bin('+', str('b'), str('c'))))).toBe('$a <|> "b" + "c"');
    expect(printExpr(bin('+', v('a'), field(v('st'), 'x', int(0))))).toBe('$a + ($st->x <|> 0)');
    expect(printExpr(except(field(v('st'), 'x'), int(0)))).toBe('($st->x) <|> 0');
    expect(printExpr(field(field(v('st'), 'a'), 'b', int(0)))).toBe('$st->a->b <|> 0');
    expect(printExpr({ kind: 'index', obj: bin('+', v('a'), v('b')), index: int(0), span: S })).toBe('($a + $b)[0]');
  });
  it('prints strings and floats as written', () => {
    expect(printExpr(str('a\\n${x}'))).toBe('"a\\n${x}"');
    expect(printExpr({ kind: 'interp', raw: 'x ${y}', parts: ['x ', { kind: 'var', name: 'y', span: S }], span: S })).toBe('"x ${y}"');
    expect(printExpr({ kind: 'float', value: 4.2, raw: '4.20', span: S })).toBe('4.20');
  });
  it('prints annotations in mcl syntax', () => {
    for (const t of ['[]str', 'map{str: []int}', 'struct{a int; b str}', 'func(str, int) bool']) expect(printType(parseType(t))).toBe(t);
    expect(printType(parseType('func(a str) str'))).toBe('func($a str) str');
  });
});

describe('layout', () => {
  it('breaks long lists one item per line and keeps short ones flat', () => {
    const long = list(...Array.from({ length: 12 }, (_, i) => str(`item-number-${i}`)));
    const p: Program = {
      kind: 'program',
      body: [
        { kind: 'bind', name: 'short', nameSpan: S, value: list(int(1), int(2)), span: S },
        { kind: 'bind', name: 'long', nameSpan: S, value: long, span: S },
      ],
      span: S,
    };
    const out = printProgram(p);
    expect(out.split('\n')[0]).toBe('$short = [1, 2]');
    expect(out).toContain('$long = [\n\t"item-number-0",\n\t"item-number-1",\n');
    expect(out).toContain('\t"item-number-11",\n]\n');
  });
  it('prints resources with one item per line', () => {
    const res: Stmt = {
      kind: 'res',
      resKind: 'test',
      kindSpan: S,
      name: str('t'),
      collect: false,
      span: S,
      items: [
        { kind: 'field', name: 'anotherstr', value: call('fmt.printf', str('%d'), int(1)), span: S },
        { kind: 'meta', property: 'noop', value: { kind: 'bool', value: true, span: S }, span: S },
        { kind: 'edgeprop', property: 'before', half: { kind: 'edgehalf', resKind: 'http:server', name: str('x'), span: S }, cond: v('c'), span: S },
      ],
    };
    expect(printProgram({ kind: 'program', body: [res], span: S })).toBe(
      'test "t" {\n\tanotherstr => fmt.printf("%d", 1),\n\tMeta:noop => true,\n\tBefore => $c ?: Http:Server["x"],\n}\n',
    );
  });
});

// ------------------------------------------------------------- with the parser

const CASES = '../shared/conformance/cases';
function sources(): { name: string; text: string }[] {
  if (!existsSync(CASES)) return [];
  const out: { name: string; text: string }[] = [];
  for (const path of listTxtar(CASES)) {
    for (const [file, text] of readTxtar(path).files) {
      if (file.endsWith('.mcl')) out.push({ name: `${path.slice(CASES.length + 1)}:${file}`, text });
    }
  }
  return out;
}

describe('round trips through the parser', () => {
  it('formats small programs canonically', () => {
    const fmt = (src: string): string => {
      const r = parse(src, '/main.mcl');
      expect(r.errors).toEqual([]);
      return printProgram(r.ast!, r.comments);
    };
    expect(fmt('$x=1+2*3\n')).toBe('$x = 1 + 2 * 3\n');
    expect(fmt('test "t" {\nanotherstr => "x", # why\n\n\n  Meta:noop => true,\n}\n')).toBe(
      'test "t" {\n\tanotherstr => "x", # why\n\n\tMeta:noop => true,\n}\n',
    );
    expect(fmt('# head\n\n$x = [\n\t1, # one\n\t2,\n]\n')).toBe('# head\n\n$x = [\n\t1, # one\n\t2,\n]\n');
    expect(fmt('$f = func($x) { $x + 1 }\n')).toBe('$f = func($x) {\n\t$x + 1\n}\n');
    expect(fmt('$l = iter.map($xs, func($x) {\n\t$x\n})\n')).toBe('$l = iter.map($xs, func($x) { $x })\n');
    expect(fmt('$c = if $b {\n1\n} else { if $d {2} else {3} }\n')).toBe(
      '$c = if $b {\n\t1\n} else {\n\tif $d {\n\t\t2\n\t} else {\n\t\t3\n\t}\n}\n',
    );
    expect(fmt('$x = f(if $b {1} else {2}) # t\n')).toBe('$x = f(if $b { 1 } else { 2 }) # t\n');
    expect(fmt('test "t" { # about t\n\tanotherstr => "x",\n}\n')).toBe('test "t" { # about t\n\tanotherstr => "x",\n}\n');
    expect(fmt('func f($x) { $x }\n')).toBe('func f($x) {\n\t$x\n}\n');
    expect(fmt('if true {\n# c\n}\n')).toBe('if true {\n\t# c\n}\n');
  });

  it('keeps the meaning of tricky expressions', () => {
    const exprs = [
      '1 - (2 - 3)',
      '1 - 2 - 3',
      '(1 + 2) * 3 / (4 - 5)',
      '($a == $b) == $c',
      'not ($a == $b)',
      'not $a == $b',
      '($a or $b) and not $c',
      '1 + 2 in [3]',
      '$a + ($st->x <|> 0)',
      '($st->x) <|> 0',
      '$st->a->b <|> (1 + 2)',
      '($a + $b)[0]',
      '$m["k"] <|> "b" + "c"',
      '($m["k"] <|> "b") + "c"',
      '$a <|> ($b <|> $c)',
      '(if $c { 1 } else { 2 }) + 1',
      'func($x) { $x }("a")',
      '$l[0][1]->f',
      '$x - -1',
      'fmt.printf("%d", 1 + len([1, 2]))',
    ];
    for (const src of exprs) {
      const first = parse(`$x = ${src}\n`, '/main.mcl');
      expect(first.errors, src).toEqual([]);
      const printed = printProgram(first.ast!);
      const second = parse(printed, '/main.mcl');
      expect(second.errors, printed).toEqual([]);
      expectAstEqual(second.ast, first.ast);
    }
  });

  it('reprints every parsable conformance program to the same AST, idempotently, keeping comments', () => {
    const all = sources();
    let checked = 0;
    const failures: string[] = [];
    for (const { name, text } of all) {
      const first = parse(text, '/main.mcl');
      if (first.errors.length > 0 || !first.ast) continue;
      checked++;
      const printed = printProgram(first.ast, first.comments);
      const second = parse(printed, '/main.mcl');
      try {
        expect(second.errors.map((e) => e.toString())).toEqual([]);
        expectAstEqual(second.ast, first.ast);
        expect(second.comments.map((c) => c.text).sort()).toEqual(first.comments.map((c) => c.text).sort());
        expect(printProgram(second.ast!, second.comments)).toBe(printed);
      } catch (e) {
        failures.push(`${name}: ${(e as Error).message.split('\n').slice(0, 12).join('\n')}\n--- printed:\n${printed}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(failures.slice(0, 3).join('\n\n')).toBe('');
  });

  it('keeps comments placed before or after every line of those programs', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { name, text } of sources()) {
      if (parse(text, '/main.mcl').errors.length > 0) continue;
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      const variants = [lines.map((l, i) => `# L${i}\n${l}`), lines.map((l, i) => `${l} # T${i}`)];
      for (const v of variants) {
        const r = parse(v.join('\n') + '\n', '/main.mcl');
        if (r.errors.length > 0 || !r.ast) continue;
        checked++;
        const printed = printProgram(r.ast, r.comments);
        const again = parse(printed, '/main.mcl');
        try {
          expect(again.errors).toEqual([]);
          expectAstEqual(again.ast, r.ast);
          expect(again.comments.map((c) => c.text).sort()).toEqual(r.comments.map((c) => c.text).sort());
          expect(printProgram(again.ast!, again.comments)).toBe(printed);
        } catch (e) {
          failures.push(`${name}: ${(e as Error).message.split('\n').slice(0, 12).join('\n')}\n--- printed:\n${printed}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(failures.slice(0, 3).join('\n\n')).toBe('');
  });
});
