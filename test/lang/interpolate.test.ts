import { parse } from '../../src/lang/parser.js';
import { describe, expect, it } from 'vitest';
import type { Expr, ExprInterp, Program, Stmt, StmtClass } from '../../src/lang/ast.js';
import type { Span } from '../../src/lang/errors.js';
import { interpolate, scanString } from '../../src/lang/interpolate.js';

const at = (line: number, col: number, endLine = line, endCol = col + 1): Span => ({ file: '/main.mcl', line, col, endLine, endCol, start: 0, end: 0 });
const S = at(1, 1);
const str = (raw: string, span = S): Expr => ({ kind: 'str', raw, span });
const bind = (name: string, value: Expr): Stmt => ({ kind: 'bind', name, nameSpan: S, value, span: S });
const prog = (...body: Stmt[]): Program => ({ kind: 'program', body, span: S });
const cls = (name: string, body: Stmt[], span = S): StmtClass => ({ kind: 'class', name, nameSpan: S, body: { kind: 'block', body, span: S }, span });

function run(p: Program): Program {
  const r = interpolate(p);
  if ('error' in r) throw r.error;
  return r.ast;
}
function value(raw: string): Expr {
  return (run(prog(bind('x', str(raw)))).body[0] as Stmt & { kind: 'bind' }).value;
}
function error(p: Program): string {
  const r = interpolate(p);
  if (!('error' in r)) throw new Error('expected an error');
  expect(r.error.stage).toBe('errInterpolate');
  return r.error.text();
}

describe('string literals', () => {
  it('applies escapes and keeps the raw text', () => {
    expect(value('A: \\${test}')).toEqual({ kind: 'str', raw: 'A: \\${test}', value: 'A: ${test}', span: S });
    expect(value('D: \\\\\\$')).toMatchObject({ kind: 'str', value: 'D: \\$' });
    expect(value('U: tab\\t\\\\\\ttab')).toMatchObject({ kind: 'str', value: 'U: tab\t\\\ttab' });
    expect(value('\\a\\b\\f\\n\\r\\v\\"')).toMatchObject({ value: '\x07\b\f\n\r\v"' });
  });
  it('keeps a `$` that does not start `${` literal', () => {
    expect(value('K: $ {zzz}')).toMatchObject({ kind: 'str', value: 'K: $ {zzz}' });
    expect(value('$$')).toMatchObject({ kind: 'str', value: '$$' });
  });
  it('splits out references, merging literal pieces, with the literal span', () => {
    const lit = at(3, 6, 3, 20);
    const p = run(prog(bind('x', str('R: \\\\${r1} and ${a.b_c}!', lit))));
    const v = (p.body[0] as Stmt & { kind: 'bind' }).value as ExprInterp;
    expect(v.kind).toBe('interp');
    expect(v.raw).toBe('R: \\\\${r1} and ${a.b_c}!');
    expect(v.parts).toEqual(['R: \\', { kind: 'var', name: 'r1', span: lit }, ' and ', { kind: 'var', name: 'a.b_c', span: lit }, '!']);
    expect(value('$$${x}')).toMatchObject({ kind: 'interp', parts: ['$$', { kind: 'var', name: 'x' }] });
    expect(value('${x}')).toMatchObject({ kind: 'interp', parts: [{ kind: 'var', name: 'x' }] });
  });
  it('rejects unknown escapes, blaming the literal', () => {
    expect(error(prog(bind('x', str('bad\\qescape', at(3, 6, 3, 19)))))).toBe('parser failed: unknown escape sequence: \\q: /main.mcl @ 3:6-3:19');
  });
  it('rejects anything but a plain name after `${`', () => {
    for (const raw of ['X: ${}', 'X: ${foo()}', 'X: ${a + b}', 'X: ${x', 'X: ${Foo}', 'X: ${a..b}']) {
      expect(error(prog(bind('x', str(raw))))).toBe(`parser failed: cannot parse string: ${raw}: /main.mcl @ 1:1-1:2`);
    }
    expect(scanString('${const.res.file.state.exists}')).toEqual({ ok: true, parts: [{ name: 'const.res.file.state.exists' }] });
  });
  it('reaches strings everywhere and does not touch the input', () => {
    const name = str('n-${x}');
    const res: Stmt = {
      kind: 'res',
      resKind: 'test',
      kindSpan: S,
      name,
      items: [{ kind: 'field', name: 'anotherstr', value: { kind: 'list', elems: [str('\\t')], span: S }, span: S }],
      collect: false,
      span: S,
    };
    const input = prog(cls('c', [res]));
    const snapshot = structuredClone(input);
    const out = run(input);
    expect(input).toEqual(snapshot);
    const r = (out.body[0] as StmtClass).body.body[0] as Stmt & { kind: 'res' };
    expect(r.name.kind).toBe('interp');
    expect(r.items[0]).toMatchObject({ value: { elems: [{ kind: 'str', value: '\t' }] } });
  });
});

describe('classes', () => {
  it('moves `a:b:c` sugar into the named classes, shorter paths first', () => {
    const out = run(prog(cls('base:inner1:deep', []), cls('base', [bind('m', str('x'))]), cls('base:inner1', []), cls('base:inner2', [])));
    expect(out.body.map((s) => (s as StmtClass).name)).toEqual(['base']);
    const base = out.body[0] as StmtClass;
    expect(base.body.body.map((s) => (s.kind === 'class' ? s.name : s.kind))).toEqual(['bind', 'inner1', 'inner2']);
    const inner1 = base.body.body[1] as StmtClass;
    expect(inner1.body.body.map((s) => (s as StmtClass).name)).toEqual(['deep']);
  });
  it('leaves sugar alone when the first class is not in the block', () => {
    const out = run(prog(cls('nosuch:inner', [])));
    expect((out.body[0] as StmtClass).name).toBe('nosuch:inner');
  });
  it('reports duplicate class names with the later class', () => {
    expect(error(prog(cls('foo', []), cls('foo', [], at(4, 1, 4, 13))))).toBe('duplicate class name of: `foo`: /main.mcl @ 4:1-4:13');
    expect(error(prog(cls('a', [cls('b', [])]), cls('a:b', [], at(2, 1, 2, 9))))).toBe('duplicate class name of: `b`: /main.mcl @ 2:1-2:9');
    expect(error(prog(cls('a', [cls('x', []), cls('x', [], at(7, 2, 7, 9))])))).toMatch(/`x`: \/main.mcl @ 7:2-7:9$/);
  });
});

// ------------------------------------------------------------- from source

function fromSource(src: string): Program {
  const r = parse(src, '/main.mcl');
  expect(r.errors).toEqual([]);
  return run(r.ast!);
}

describe('from parsed source', () => {
  it('processes the reference examples', () => {
    const p = fromSource('$a = "A: \\${test}"\n$d = "D: \\\\\\$"\n$r = "R: \\\\${r1}"\n$k = "K: $ {zzz}"\n$u = "U: tab\\t\\\\\\ttab"\n');
    const values = p.body.map((s) => (s as Stmt & { kind: 'bind' }).value);
    expect(values[0]).toMatchObject({ kind: 'str', value: 'A: ${test}' });
    expect(values[1]).toMatchObject({ kind: 'str', value: 'D: \\$' });
    expect(values[2]).toMatchObject({ kind: 'interp', parts: ['R: \\', { kind: 'var', name: 'r1' }] });
    expect(values[3]).toMatchObject({ kind: 'str', value: 'K: $ {zzz}' });
    expect(values[4]).toMatchObject({ kind: 'str', value: 'U: tab\t\\\ttab' });
  });
  it('reaches edge names, map keys, call args and class args', () => {
    const p = fromSource('Test["${a}"] -> Test["b"]\n$m = {"${k}" => f("${v}")}\ninclude c("x${y}")\n');
    expect(p.body[0]).toMatchObject({ halves: [{ name: { kind: 'interp' } }, { name: { kind: 'str', value: 'b' } }] });
    expect(p.body[1]).toMatchObject({ value: { entries: [{ key: { kind: 'interp' }, value: { args: [{ kind: 'interp' }] } }] } });
    expect(p.body[2]).toMatchObject({ args: [{ kind: 'interp', parts: ['x', { kind: 'var', name: 'y' }] }] });
  });
  it('moves nested class sugar and blames a duplicate at its byline', () => {
    const p = fromSource('class base($s) {\n}\nclass base:inner($s) {\n\ttest "i" {}\n}\n');
    expect(p.body).toHaveLength(1);
    expect(p.body[0]).toMatchObject({ name: 'base', body: { body: [{ kind: 'class', name: 'inner' }] } });
    const r = parse('class foo {}\nclass foo {}\n', '/main.mcl');
    expect(error(r.ast!)).toBe('duplicate class name of: `foo`: /main.mcl @ 2:1-2:13');
  });
});
