// The Puppet parser: recursive descent over the chevrotain tokens of
// lexer.ts. Puppet's grammar is context-sensitive in ways an LL(k) grammar
// object handles badly (a `[` is an index only when it touches the value
// before it; `name {` is a resource except in a condition; statements need no
// separators), so the rules are written by hand, one method per construct,
// with Puppet's operator precedence.

import type { IToken } from 'chevrotain';
import type { Attr, Lambda, Param, PExpr, PProgram, ResourceBody } from './ast.js';
import { PuppetError, type PSpan } from './errors.js';
import { scanBraces, tokenize, type HeredocInfo } from './lexer.js';

/** Functions Puppet lets a statement call without parentheses. */
const STATEMENT_CALLS = new Set([
  'include', 'require', 'contain', 'realize', 'tag', 'fail', 'notice', 'info', 'warning', 'err', 'debug', 'alert', 'crit', 'emerg',
]);

/** Binary operators by token name (or word), with Puppet's precedence (higher binds tighter). */
const BINARY: Record<string, [string, number]> = {
  or: ['or', 1],
  and: ['and', 2],
  Less: ['<', 3], Greater: ['>', 3], LessEqual: ['<=', 3], GreaterEqual: ['>=', 3],
  IsEqual: ['==', 4], NotEqual: ['!=', 4],
  LShift: ['<<', 5], RShift: ['>>', 5],
  Plus: ['+', 6], Minus: ['-', 6],
  Times: ['*', 7], Div: ['/', 7], Modulo: ['%', 7],
  Match: ['=~', 8], NoMatch: ['!~', 8],
  in: ['in', 9],
};

const EDGES: Record<string, string> = { InEdge: '->', InEdgeSub: '~>', OutEdge: '<-', OutEdgeSub: '<~' };

export function parseManifest(text: string, file: string): PProgram {
  const p = new Parser(tokenize(text, file), file, text);
  const body = p.statements(undefined);
  return { body, file, text };
}

class Parser {
  private i = 0;
  /** Inside a condition: `name {` starts the block, not a resource. */
  private noResource = 0;
  private readonly eofTok: IToken;

  constructor(
    private readonly toks: IToken[],
    private readonly file: string,
    private readonly text: string,
  ) {
    const last = toks[toks.length - 1];
    const off = last ? last.endOffset! + 1 : 0;
    this.eofTok = { image: '', startOffset: off, endOffset: off, startLine: last?.endLine ?? 1, endLine: last?.endLine ?? 1, startColumn: (last?.endColumn ?? 0) + 1, endColumn: (last?.endColumn ?? 0) + 1, tokenType: { name: 'EOF' } } as IToken;
  }

  // ------------------------------------------------------------ tokens

  private peek(n = 0): IToken {
    return this.toks[this.i + n] ?? this.eofTok;
  }
  private type(n = 0): string {
    return this.peek(n).tokenType.name;
  }
  private isWord(word: string, n = 0): boolean {
    return this.type(n) === 'Name' && this.peek(n).image === word;
  }
  private next(): IToken {
    const t = this.peek();
    if (this.i < this.toks.length) this.i++;
    return t;
  }
  private expect(type: string, what = type): IToken {
    if (this.type() !== type) this.syntax(`expected ${what}`);
    return this.next();
  }
  private accept(type: string): IToken | undefined {
    return this.type() === type ? this.next() : undefined;
  }
  /** Puppet's "Syntax error at 'x'", pointed at the current token. */
  private syntax(hint?: string): never {
    const t = this.peek();
    const at = t.tokenType.name === 'EOF' ? 'end of input' : `'${t.image}'`;
    // `name => value` followed by another attribute on the next line: the comma is missing.
    const prev = this.toks[this.i - 1];
    const comma = prev && t.tokenType.name === 'Name' && this.type(1) === 'FarArrow' && prev.endLine! < t.startLine! ? 'end each attribute with a comma: `name => value,`' : undefined;
    throw new PuppetError('error', 'parse', `Syntax error at ${at}${hint ? ` (${hint})` : ''}`, this.sp(t), comma);
  }
  sp(a: IToken, b: IToken = a): PSpan {
    return { file: this.file, line: a.startLine!, col: a.startColumn!, endLine: b.endLine!, endCol: b.endColumn! + 1, start: a.startOffset, end: b.endOffset! + 1 };
  }
  private from(a: PSpan | IToken, b?: PSpan | IToken): PSpan {
    const s = 'file' in a ? a : this.sp(a);
    const prev = this.toks[this.i - 1] ?? this.eofTok;
    const e = b ? ('file' in b ? b : this.sp(b)) : this.sp(prev);
    return { ...s, endLine: e.endLine, endCol: e.endCol, end: e.end };
  }

  // ------------------------------------------------------------ statements

  /** Statements until `}` (not consumed) or the end of input. */
  statements(end: 'RBrace' | undefined): PExpr[] {
    const out: PExpr[] = [];
    for (;;) {
      while (this.accept('Semi'));
      const t = this.type();
      if (t === 'EOF') {
        if (end) this.syntax('expected }');
        return out;
      }
      if (t === 'RBrace') {
        if (!end) this.syntax();
        return out;
      }
      out.push(this.statement());
    }
  }

  private block(): PExpr[] {
    this.expect('LBrace', '{');
    const body = this.statements('RBrace');
    this.expect('RBrace', '}');
    return body;
  }

  private statement(): PExpr {
    const t = this.peek();
    if (t.tokenType.name === 'Name') {
      const w = t.image;
      if (w === 'class' && this.type(1) === 'Name') return this.definition('classdef');
      if (w === 'define') return this.definition('definedef');
      if (w === 'node') return this.refuse('node definitions (`node`) are outside the subset: one manifest describes one node');
      if (w === 'function') return this.refuse('Puppet-language function definitions (`function`) are outside the subset');
      if (w === 'type' && this.type(1) === 'TypeName') return this.refuse('type aliases (`type X = ...`) are outside the subset');
      if (w === 'plan' || w === 'application' || w === 'site') return this.refuse(`\`${w}\` blocks are outside the subset`);
      if (STATEMENT_CALLS.has(w) && !['LParen', 'FarArrow', 'LBrace', 'Equals'].includes(this.type(1))) {
        this.next();
        const args = [this.expr()];
        while (this.accept('Comma')) args.push(this.expr());
        return { k: 'call', name: w, args, span: this.from(t), nameSpan: this.sp(t) };
      }
    }
    if (t.tokenType.name === 'Variable' && this.type(1) === 'Equals') {
      this.next();
      this.next();
      const value = this.expr();
      return { k: 'assign', name: t.image.slice(1), value, span: this.from(t) };
    }
    return this.expr();
  }

  /** Skips the rest of a refused construct's header so the error points at its start. */
  private refuse(what: string): PExpr {
    const t = this.peek();
    throw new PuppetError('unsupported', 'parse', what, this.sp(t));
  }

  private definition(k: 'classdef' | 'definedef'): PExpr {
    const start = this.next();
    const nameTok = this.expect('Name', 'a name');
    const params = this.type() === 'LParen' ? this.params('LParen', 'RParen') : [];
    let parent: string | undefined;
    if (this.isWord('inherits')) {
      this.next();
      parent = this.expect('Name', 'a class name').image.replace(/^::/, '');
    }
    const body = this.block();
    const name = nameTok.image.replace(/^::/, '');
    return k === 'classdef' ? { k, name, params, parent, body, span: this.from(start) } : { k, name, params, body, span: this.from(start) };
  }

  /** `( [Type] $name [= default], ... )` or the same between pipes. */
  private params(open: string, close: string): Param[] {
    this.expect(open);
    const out: Param[] = [];
    while (this.type() !== close) {
      const start = this.peek();
      let type: PExpr | undefined;
      if (this.type() !== 'Variable') type = this.postfix(this.primary());
      if (this.accept('Times')) {
        /* captures-rest: treated as a plain parameter */
      }
      const v = this.expect('Variable', 'a parameter name');
      let def: PExpr | undefined;
      if (this.accept('Equals')) def = this.expr();
      out.push({ name: v.image.slice(1), type, default: def, span: this.from(start) });
      if (!this.accept('Comma')) break;
    }
    this.expect(close);
    return out;
  }

  // ------------------------------------------------------------ expressions

  /** The lowest level: relationship chains `a -> b ~> c`. */
  expr(): PExpr {
    let left = this.binary(0);
    while (EDGES[this.type()]) {
      const op = EDGES[this.next().tokenType.name];
      const right = this.binary(0);
      left = { k: 'binary', op, left, right, span: this.from(left.span, right.span) };
    }
    return left;
  }

  private binOp(): [string, number] | undefined {
    const t = this.peek();
    if (t.tokenType.name === 'Name') return ['and', 'or', 'in'].includes(t.image) ? BINARY[t.image] : undefined;
    return BINARY[t.tokenType.name];
  }

  /** Precedence climbing over the binary operators (all left-associative). */
  private binary(min: number): PExpr {
    let left = this.unary();
    for (;;) {
      const op = this.binOp();
      if (!op || op[1] <= min) return left;
      this.next();
      const right = this.binary(op[1]);
      left = { k: 'binary', op: op[0], left, right, span: this.from(left.span, right.span) };
    }
  }

  private unary(): PExpr {
    const t = this.peek();
    if (t.tokenType.name === 'Not') {
      this.next();
      const e = this.unary();
      return { k: 'not', expr: e, span: this.from(t) };
    }
    if (t.tokenType.name === 'Minus') {
      this.next();
      const e = this.unary();
      return { k: 'neg', expr: e, span: this.from(t) };
    }
    let e = this.postfix(this.primary());
    // The selector binds tighter than `in` and the other binary operators.
    while (this.type() === 'Question') {
      this.next();
      this.expect('LBrace', '{');
      const cases: { match: PExpr; value: PExpr }[] = [];
      while (this.type() !== 'RBrace') {
        const match = this.expr();
        this.expect('FarArrow', '=>');
        const value = this.expr();
        cases.push({ match, value });
        if (!this.accept('Comma')) break;
      }
      this.expect('RBrace', '}');
      e = { k: 'selector', subject: e, cases, span: this.from(e.span) };
    }
    return e;
  }

  /** Access `x[..]` (touching the value), method calls `.f(..) |..| {..}`. */
  postfix(e: PExpr): PExpr {
    for (;;) {
      const t = this.peek();
      const prev = this.toks[this.i - 1];
      if (t.tokenType.name === 'LBrack' && prev && prev.endOffset! + 1 === t.startOffset) {
        this.next();
        const args = this.list('RBrack');
        e = { k: 'access', obj: e, args, span: this.from(e.span) };
        continue;
      }
      if (t.tokenType.name === 'Dot' && this.type(1) === 'Name') {
        this.next();
        const name = this.next();
        const args = [e];
        if (this.type() === 'LParen') args.push(...this.callArgs());
        const lambda = this.type() === 'Pipe' ? this.lambda() : undefined;
        e = { k: 'call', name: name.image, args, lambda, span: this.from(e.span), nameSpan: this.sp(name) };
        continue;
      }
      return e;
    }
  }

  /** Comma-separated expressions up to `close` (consumed); a trailing comma is fine. */
  private list(close: string): PExpr[] {
    const out: PExpr[] = [];
    while (this.type() !== close) {
      out.push(this.expr());
      if (!this.accept('Comma')) break;
    }
    this.expect(close, close === 'RBrack' ? ']' : ')');
    return out;
  }

  private callArgs(): PExpr[] {
    this.expect('LParen', '(');
    return this.list('RParen');
  }

  private lambda(): Lambda {
    const start = this.peek();
    const params = this.params('Pipe', 'Pipe');
    const body = this.block();
    return { params, body, span: this.from(start) };
  }

  private condition(): PExpr {
    this.noResource++;
    try {
      return this.expr();
    } finally {
      this.noResource--;
    }
  }

  private primary(): PExpr {
    const t = this.peek();
    switch (t.tokenType.name) {
      case 'SqString':
        this.next();
        return { k: 'str', value: t.image.slice(1, -1).replace(/\\([\\'])/g, '$1'), span: this.sp(t) };
      case 'DqString':
        this.next();
        return this.interpolate(t.image.slice(1, -1), this.sp(t), 1, ALL_ESCAPES);
      case 'Heredoc': {
        this.next();
        const info = (t as unknown as { payload: HeredocInfo }).payload;
        const span = this.sp(t);
        const body = info.body ?? '';
        if (info.interpolate) return this.interpolate(body, { ...span, line: info.bodyLine, col: 1 + info.margin, start: info.bodyStart }, 0, info.escapes ?? '');
        return { k: 'str', value: info.escapes ? unescape(body, info.escapes) : body, span };
      }
      case 'Number': {
        this.next();
        const s = t.image;
        const float = /[.eE]/.test(s) && !/^0[xX]/.test(s);
        const value = float ? Number(s) : /^0[0-7]+$/.test(s) ? parseInt(s, 8) : Number(s);
        return { k: 'num', value, float, span: this.sp(t) };
      }
      case 'Variable':
        this.next();
        return { k: 'var', name: t.image.slice(1), span: this.sp(t) };
      case 'Regex':
        this.next();
        return { k: 'regex', source: t.image.slice(1, -1).replace(/\\\//g, '/'), span: this.sp(t) };
      case 'LBrack': {
        this.next();
        const elems = this.list('RBrack');
        return { k: 'array', elems, span: this.from(t) };
      }
      case 'LBrace':
        return this.hash();
      case 'LParen': {
        this.next();
        const e = this.expr();
        this.expect('RParen', ')');
        return e;
      }
      case 'At':
      case 'AtAt': {
        this.next();
        const r = this.resource(this.expect('Name', 'a resource type'), t.tokenType.name === 'At' ? 'virtual' : 'exported');
        return { ...r, span: this.from(t) };
      }
      case 'TypeName':
        return this.typeName();
      case 'Name':
        return this.name();
    }
    return this.syntax();
  }

  private hash(): PExpr {
    const t = this.expect('LBrace', '{');
    const entries: { key: PExpr; value: PExpr }[] = [];
    while (this.type() !== 'RBrace') {
      const key = this.expr();
      this.expect('FarArrow', '=>');
      entries.push({ key, value: this.expr() });
      if (!this.accept('Comma')) break;
    }
    this.expect('RBrace', '}');
    return { k: 'hash', entries, span: this.from(t) };
  }

  private typeName(): PExpr {
    const t = this.next();
    const name = t.image.replace(/^::/, '');
    const nt = this.type();
    if (nt === 'LCollect' || nt === 'LVCollect') {
      const exported = nt === 'LCollect';
      const close = exported ? 'RCollect' : 'RVCollect';
      while (this.type() !== close && this.type() !== 'EOF') this.next();
      this.expect(close);
      if (this.type() === 'LBrace') this.skipBraces();
      return { k: 'collector', type: name, exported, span: this.from(t) };
    }
    if (nt === 'LBrace' && !this.noResource) {
      this.next();
      const attrs = this.attrs();
      this.expect('RBrace', '}');
      return { k: 'defaults', type: name, attrs, span: this.from(t) };
    }
    return { k: 'type', name, span: this.sp(t) };
  }

  private skipBraces(): void {
    let depth = 0;
    do {
      const t = this.next().tokenType.name;
      if (t === 'LBrace') depth++;
      else if (t === 'RBrace') depth--;
      else if (t === 'EOF') this.syntax('expected }');
    } while (depth > 0);
  }

  private name(): PExpr {
    const t = this.peek();
    const w = t.image;
    if (w === 'if' || w === 'unless') return this.ifStmt();
    if (w === 'case') return this.caseStmt();
    this.next();
    if (w === 'true' || w === 'false') return { k: 'bool', value: w === 'true', span: this.sp(t) };
    if (w === 'undef') return { k: 'undef', span: this.sp(t) };
    if (w === 'default') return { k: 'default', span: this.sp(t) };
    if (this.type() === 'LParen') {
      const args = this.callArgs();
      const lambda = this.type() === 'Pipe' ? this.lambda() : undefined;
      return { k: 'call', name: w, args, lambda, span: this.from(t), nameSpan: this.sp(t) };
    }
    if (this.type() === 'LBrace' && !this.noResource) return this.resource(t, 'regular');
    return { k: 'name', name: w.replace(/^::/, ''), span: this.sp(t) };
  }

  private ifStmt(): PExpr {
    const start = this.next();
    const cond = this.condition();
    const then = this.block();
    let els: PExpr[] | undefined;
    const isIf = start.image !== 'unless';
    if (isIf && this.isWord('elsif')) {
      els = [this.ifStmt()];
    } else if (this.isWord('else')) {
      this.next();
      els = this.block();
    }
    return { k: isIf ? 'if' : 'unless', cond, then, else: els, span: this.from(start) };
  }

  private caseStmt(): PExpr {
    const start = this.next();
    const subject = this.condition();
    this.expect('LBrace', '{');
    const cases: { matches: PExpr[]; body: PExpr[] }[] = [];
    while (this.type() !== 'RBrace') {
      const matches = [this.condition()];
      while (this.accept('Comma')) matches.push(this.condition());
      this.expect('Colon', ':');
      cases.push({ matches, body: this.block() });
    }
    this.expect('RBrace', '}');
    return { k: 'case', subject, cases, span: this.from(start) };
  }

  /** `type { title: attrs; title: attrs }` (the type token is already read). */
  private resource(typeTok: IToken, form: 'regular' | 'virtual' | 'exported'): PExpr & { k: 'resource' } {
    this.expect('LBrace', '{');
    const bodies: ResourceBody[] = [];
    while (this.type() !== 'RBrace') {
      const start = this.peek();
      const title = this.expr();
      this.expect('Colon', ': after the resource title');
      const attrs = this.attrs();
      bodies.push({ title, attrs, span: this.from(start) });
      if (!this.accept('Semi')) break;
    }
    this.expect('RBrace', '}');
    return { k: 'resource', type: typeTok.image.replace(/^::/, ''), typeSpan: this.sp(typeTok), bodies, form, span: this.from(typeTok) };
  }

  private attrs(): Attr[] {
    const out: Attr[] = [];
    while (this.type() === 'Name' || this.type() === 'Times') {
      const n = this.next();
      const opTok = this.peek();
      if (opTok.tokenType.name !== 'FarArrow' && opTok.tokenType.name !== 'PArrow') this.syntax('expected => after an attribute name');
      this.next();
      const value = this.expr();
      out.push({ name: n.image, op: opTok.image as '=>' | '+>', value, span: this.from(n) });
      if (!this.accept('Comma')) break;
    }
    return out;
  }

  // ------------------------------------------------------------ strings

  /**
   * Splits a string body into literal text and `${expr}`/`$var` pieces.
   * `skip` is the width of the opening quote; `escapes` the escape letters honoured.
   */
  private interpolate(raw: string, span: PSpan, skip: number, escapes: string): PExpr {
    const parts: (string | PExpr)[] = [];
    let lit = '';
    const pos = (idx: number) => {
      const before = raw.slice(0, idx);
      const nl = before.lastIndexOf('\n');
      const lines = before.split('\n').length - 1;
      return { offset: span.start + skip + idx, line: span.line + lines, col: nl < 0 ? span.col + skip + idx : idx - nl };
    };
    for (let i = 0; i < raw.length; ) {
      const c = raw[i];
      if (c === '\\' && i + 1 < raw.length) {
        const [text, used] = escapeAt(raw, i, escapes);
        lit += text;
        i += used;
        continue;
      }
      if (c === '$' && raw[i + 1] === '{') {
        const end = scanBraces(raw, i + 2);
        if (end < 0) throw new PuppetError('error', 'parse', 'unterminated ${ in a string', span);
        const inner = raw.slice(i + 2, end - 1);
        const p = pos(i + 2);
        const sub = new Parser(tokenize(inner, this.file, p), this.file, this.text);
        const e = sub.expr();
        if (sub.type() !== 'EOF') sub.syntax('in string interpolation');
        if (lit) parts.push(lit);
        lit = '';
        parts.push(asInterpolated(e));
        i = end;
        continue;
      }
      const m = c === '$' ? /^\$(?:(?:::)?[a-z_][A-Za-z0-9_]*(?:::[a-z_][A-Za-z0-9_]*)*|[0-9]+)/.exec(raw.slice(i)) : null;
      if (m) {
        const p = pos(i);
        if (lit) parts.push(lit);
        lit = '';
        parts.push({ k: 'var', name: m[0].slice(1), span: { file: this.file, line: p.line, col: p.col, endLine: p.line, endCol: p.col + m[0].length, start: p.offset, end: p.offset + m[0].length } });
        i += m[0].length;
        continue;
      }
      lit += c;
      i++;
    }
    if (lit || !parts.length) parts.push(lit);
    if (parts.length === 1 && typeof parts[0] === 'string') return { k: 'str', value: parts[0], span };
    return { k: 'dq', parts, span };
  }
}

const ALL_ESCAPES = 'trnsu$"\'L';

/** One escape at raw[i] === '\\': its text and how many characters it used. */
function escapeAt(raw: string, i: number, escapes: string): [string, number] {
  const n = raw[i + 1];
  const on = (x: string) => escapes.includes(x);
  if (n === '\\' && escapes !== '') return ['\\', 2];
  if (n === 'n' && on('n')) return ['\n', 2];
  if (n === 't' && on('t')) return ['\t', 2];
  if (n === 'r' && on('r')) return ['\r', 2];
  if (n === 's' && on('s')) return [' ', 2];
  if (n === '$' && on('$')) return ['$', 2];
  if (n === '"' && on('"')) return ['"', 2];
  if (n === "'" && on("'")) return ["'", 2];
  if (n === '\n' && on('L')) return ['', 2];
  if (n === 'u' && on('u')) {
    const m = /^u\{([0-9a-fA-F]+)\}|^u([0-9a-fA-F]{4})/.exec(raw.slice(i + 1));
    if (m) return [String.fromCodePoint(parseInt(m[1] ?? m[2], 16)), 1 + m[0].length];
  }
  return ['\\', 1];
}

function unescape(s: string, escapes: string): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    if (s[i] === '\\' && i + 1 < s.length) {
      const [t, used] = escapeAt(s, i, escapes);
      out += t;
      i += used;
    } else out += s[i++];
  }
  return out;
}

/** Inside `${}` a bare word names a variable (`${name}`, `${facts['x']}`, `${x.upcase}`), and `${0}` a match. */
function asInterpolated(e: PExpr): PExpr {
  if (e.k === 'name') return { k: 'var', name: e.name, span: e.span };
  if (e.k === 'num' && !e.float) return { k: 'var', name: String(e.value), span: e.span };
  if (e.k === 'access') return { ...e, obj: asInterpolated(e.obj) };
  if (e.k === 'call' && e.args.length && e.span.start === e.args[0].span.start) return { ...e, args: [asInterpolated(e.args[0]), ...e.args.slice(1)] };
  return e;
}
