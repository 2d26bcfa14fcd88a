import { existsSync } from 'node:fs';
import { interpolate } from '../../src/lang/interpolate.js';
import { parse } from '../../src/lang/parser.js';
import { listTxtar, readTxtar } from '../helpers/txtar.js';
import { describe, expect, it } from 'vitest';
import type { Expr, Program, ResItem, Stmt } from '../../src/lang/ast.js';
import type { Span } from '../../src/lang/errors.js';
import { initCheck, metaEntryCheck } from '../../src/lang/init.js';
import { describeNeeding } from '../helpers/components.js';

const at = (line: number, col: number, endLine = line, endCol = col + 1): Span => ({ file: '/main.mcl', line, col, endLine, endCol, start: 0, end: 0 });
const S = at(1, 1);
const str = (raw: string): Expr => ({ kind: 'str', raw, span: S });
const int = (n: number): Expr => ({ kind: 'int', value: BigInt(n), span: S });
const bool = (value: boolean): Expr => ({ kind: 'bool', value, span: S });
const v = (name: string): Expr => ({ kind: 'var', name, span: S });
const list = (...elems: Expr[]): Expr => ({ kind: 'list', elems, span: S });
const map = (span: Span, ...kv: [Expr, Expr][]): Expr => ({ kind: 'map', entries: kv.map(([key, value]) => ({ key, value, span: S })), span });
const struct = (span: Span, ...fs: [string, Expr][]): Expr => ({ kind: 'struct', fields: fs.map(([name, value]) => ({ name, value, span: S })), span });
const bind = (name: string, value: Expr): Stmt => ({ kind: 'bind', name, nameSpan: S, value, span: S });
const prog = (...body: Stmt[]): Program => ({ kind: 'program', body, span: S });
const res = (span: Span, ...items: ResItem[]): Stmt => ({ kind: 'res', resKind: 'test', kindSpan: S, name: str('t'), items, collect: false, span });
const field = (name: string, value: Expr): ResItem => ({ kind: 'field', name, value, span: S });
const meta = (property: string | undefined, value: Expr, span = S): ResItem => ({ kind: 'meta', property, value, span });

function err(p: Program): string {
  const e = initCheck(p);
  expect(e?.stage).toBe('errInit');
  return e!.text();
}

describe('map literals', () => {
  const M = at(5, 6, 5, 40);
  it('finds duplicate literal keys, in mcl form', () => {
    expect(err(prog(bind('m', map(M, [str('k1'), int(42)], [str('k2'), int(13)], [str('k2'), int(4)]))))).toBe(
      'duplicate map key: "k2": /main.mcl @ 5:6-5:40',
    );
    // escapes are applied before comparing
    expect(err(prog(bind('m', map(M, [str('a\\tb'), int(1)], [str('a\tb'), int(2)]))))).toBe('duplicate map key: "a\\tb": /main.mcl @ 5:6-5:40');
    expect(err(prog(bind('m', map(M, [int(1), int(1)], [int(1), int(2)]))))).toMatch(/^duplicate map key: 1:/);
  });
  it('ignores keys that are not literals, and interpolated strings', () => {
    expect(initCheck(prog(bind('m', map(M, [v('k'), int(1)], [v('k'), int(2)], [str('${x}'), int(3)], [str('${x}'), int(4)]))))).toBeUndefined();
    expect(initCheck(prog(bind('m', map(M, [str('a'), int(1)], [str('b'), int(2)]))))).toBeUndefined();
  });
  it('reports mixed key types against the first known one', () => {
    expect(err(prog(bind('m', map(M, [v('x'), int(1)], [str('k1'), int(42)], [int(13), bool(true)]))))).toBe(
      'inconsistent map key type: base kind does not match (str != int): /main.mcl @ 5:6-5:40',
    );
  });
  it('rejects an unhashable key type even next to a variable key', () => {
    expect(err(prog(bind('m', map(M, [v('k1'), int(42)], [list(str('x'), str('y')), int(13)]))))).toBe(
      'map key type []str is not hashable: /main.mcl @ 5:6-5:40',
    );
  });
  it('checks maps nested anywhere, even in unused lambdas', () => {
    const lambda: Expr = { kind: 'func', params: [], body: map(M, [bool(true), int(1)], [bool(true), int(2)]), span: S };
    expect(err(prog(bind('f', lambda)))).toMatch(/^duplicate map key: true:/);
  });
  it('accepts struct keys and finds duplicates among them', () => {
    const k = (): Expr => struct(S, ['a', int(1)]);
    expect(err(prog(bind('m', map(M, [k(), int(1)], [k(), int(2)]))))).toMatch(/^duplicate map key: struct\{a: 1\}:/);
  });
});

describe('struct literals and resources', () => {
  it('finds duplicate struct fields', () => {
    expect(err(prog(bind('s', struct(at(2, 6, 2, 30), ['x', str('a')], ['x', str('b')]))))).toBe(
      'duplicate struct field name of: `x`: /main.mcl @ 2:6-2:30',
    );
  });
  const R = at(1, 1, 4, 2);
  it('finds duplicate resource fields and meta entries', () => {
    expect(err(prog(res(R, field('anotherstr', str('a')), field('anotherstr', str('a')))))).toBe(
      'resource has duplicate field of: anotherstr: /main.mcl @ 1:1-4:2',
    );
    expect(err(prog(res(R, field('anotherstr', str('a')), meta('noop', bool(false)), meta('noop', bool(true)))))).toBe(
      'resource has duplicate meta entry of: noop: /main.mcl @ 1:1-4:2',
    );
  });
  it('rejects unknown meta and edge properties', () => {
    expect(err(prog(res(R, meta('foo', bool(true), at(2, 2, 2, 20)))))).toBe('invalid property: `foo`: /main.mcl @ 2:2-2:20');
    const edge: ResItem = { kind: 'edgeprop', property: 'foo', half: { kind: 'edgehalf', resKind: 'test', name: str('x'), span: S }, span: at(3, 2) };
    expect(err(prog(res(R, edge)))).toMatch(/^invalid property: `foo`: \/main.mcl @ 3:2/);
    const ok: ResItem = { ...edge, property: 'notify' };
    expect(initCheck(prog(res(R, ok, meta('autogroup', bool(false)), meta(undefined, v('m')))))).toBeUndefined();
  });
  it('leaves `Meta => struct` duplicates to the later check (errGraph)', () => {
    const metaStruct = struct(S, ['noop', bool(false)], ['retry', int(0)]);
    const p = prog(res(R, meta(undefined, metaStruct), meta('retry', int(1))));
    expect(initCheck(p)).toBeUndefined();
    const e = metaEntryCheck(p);
    expect(e?.stage).toBe('errGraph');
    expect(e?.text()).toBe('resource has duplicate meta entry of: retry: /main.mcl @ 1:1-4:2');
    // a struct from a variable holds every meta field
    expect(metaEntryCheck(prog(res(R, meta('poll', int(1)), meta(undefined, v('m')))))?.detail).toBe('resource has duplicate meta entry of: poll');
    expect(metaEntryCheck(prog(res(R, meta('poll', int(1)), meta('noop', bool(true)))))).toBeUndefined();
  });
});

describe('statements', () => {
  it('rejects imports directly inside loop bodies', () => {
    const imp: Stmt = { kind: 'import', name: 'thing.mcl', span: S };
    const body = { kind: 'block' as const, body: [imp], span: S };
    const L = at(7, 1, 17, 2);
    const forkv: Stmt = { kind: 'forkv', key: 'key', keySpan: S, value: 'val', valueSpan: S, expr: v('map'), body, span: L };
    expect(err(prog(forkv))).toBe("a StmtImport can't be contained inside a StmtForKV: /main.mcl @ 7:1-17:2");
    const loop: Stmt = { kind: 'for', index: 'i', indexSpan: S, value: 'x', valueSpan: S, expr: v('l'), body, span: L };
    expect(err(prog(loop))).toMatch(/^a StmtImport can't be contained inside a StmtFor:/);
  });
  it('rejects variable names with doubled underscores', () => {
    expect(err(prog(bind('a__b', int(1))))).toMatch(/a__b/);
    expect(err(prog(bind('x', v('a__b'))))).toMatch(/a__b/);
    expect(initCheck(prog(bind('a_b', v('const.res.file.state.exists'))))).toBeUndefined();
  });
});

// ------------------------------------------------------------- conformance cases

const CASES = '../shared/conformance/cases';
/** Stages that run after ours, so their cases must pass Init and Interpolate. */
const LATER = ['errSetScope', 'errUnify', 'errGraph', 'errStream', 'errInterpret', 'errAutoEdge', 'errValidate'];

describeNeeding('conformance cases through Init and Interpolate', existsSync(CASES) ? undefined : `no conformance cases at ${CASES}`, () => {
  it('gives the expected errInit, errInterpolate and meta errGraph errors, and no others', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const path of listTxtar(CASES)) {
      const files = readTxtar(path).files;
      const out = files.get('OUTPUT') ?? '';
      const m = /^# (?:check-)?err: (err[A-Za-z]+):? ?(.*)$/m.exec(out);
      const stage = m?.[1];
      const want = m?.[2] ?? '';
      const text = files.get('main.mcl');
      if (text === undefined || stage === 'errLexParse') continue;
      const r = parse(text, '/main.mcl');
      if (r.errors.length > 0 || !r.ast) continue;
      checked++;
      const init = initCheck(r.ast);
      const interp = init ? undefined : interpolate(r.ast);
      const interpErr = interp && 'error' in interp ? interp.error : undefined;
      const meta = init || interpErr ? undefined : metaEntryCheck(r.ast);
      const got = init ?? interpErr ?? meta;
      const name = path.slice(CASES.length + 1);
      if (stage === 'errInit' || stage === 'errInterpolate' || (stage === 'errGraph' && want.includes('meta entry'))) {
        if (got?.stage !== stage || got.text() !== want) problems.push(`${name}: want ${stage}: ${want}, got ${got?.toString()}`);
      } else if (got && (stage === undefined || LATER.includes(stage))) {
        problems.push(`${name}: unexpected ${got.toString()}`);
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(problems).toEqual([]);
  });
});
