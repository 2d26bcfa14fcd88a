// AST → canonical mcl source (`mgmt fmt`). Tabs indent; lists, maps, structs,
// call arguments, lambdas and if-expressions stay on one line when they fit in
// WIDTH columns and hold no comment, else every item goes on its own line
// ending in `,`. Comments are put back before the statement or item that
// follows them, or at the end of the line they ended; none is ever dropped.
// Invariant: parse(print(parse(P))) is parse(P) (spans aside), and printing
// is idempotent.

import type {
  Block,
  Comment,
  EdgeHalf,
  Expr,
  ExprFunc,
  Param,
  Program,
  ResItem,
  Stmt,
  StmtRes,
} from './ast.js';
import type { Span } from './errors.js';
import { typeString } from './types/type.js';
import type { Type } from './types/type.js';

const WIDTH = 80;
const TAB = 8;

export function printProgram(prog: Program, comments: Comment[] = []): string {
  const p = new Printer(comments);
  return p.seq(prog.body, 0, 0, Infinity, (s) => p.stmt(s, 0), '');
}

/** One expression on one line (multi-line only inside multi-line string literals). */
export function printExpr(e: Expr): string {
  return new Printer([]).expr(e, null);
}

/** The annotation form of a type: `[]str`, `map{str: int}`, `struct{a int; b str}`, `func($a int, str) bool`. */
export function printType(t: Type): string {
  return typeString(t, { annotation: true });
}

// ---------------------------------------------------------------- precedence

/** Binding strength as an operand (§3.2); 0 means "always parenthesise". */
function level(e: Expr): number {
  switch (e.kind) {
    case 'except':
      return 1;
    case 'binary':
      return binLevel(e.op);
    case 'not':
      return 7;
    case 'field':
      return e.def ? 0 : 10;
    case 'ifexpr':
    case 'func':
      return 0;
    default:
      return 10;
  }
}

function binLevel(op: string): number {
  switch (op) {
    case 'or':
      return 2;
    case 'and':
      return 3;
    case '+':
    case '-':
      return 5;
    case '*':
    case '/':
      return 6;
    default:
      return 4; // comparisons and `in`: non-associative
  }
}

const tabs = (n: number): string => '\t'.repeat(n);

/** Display width of the last line of `s`, when it starts at `col`. */
function endCol(s: string, col: number): number {
  const nl = s.lastIndexOf('\n');
  const last = nl < 0 ? s : s.slice(nl + 1);
  let w = nl < 0 ? col : 0;
  for (const ch of last) w += ch === '\t' ? TAB : 1;
  return w;
}

const capitalize = (kind: string): string =>
  kind
    .split(':')
    .map((k) => k.charAt(0).toUpperCase() + k.slice(1))
    .join(':');

/** Where an expression is being laid out; null = force one line, consume no comments. */
type Ctx = { indent: number; col: number } | null;

interface Item {
  span: Span;
}

class Printer {
  private readonly comments: Comment[];
  private next = 0;

  constructor(comments: Comment[]) {
    this.comments = [...comments].sort((a, b) => a.span.start - b.span.start);
  }

  // ------------------------------------------------------------ comments

  private pendingBefore(pos: number): boolean {
    return this.next < this.comments.length && this.comments[this.next].span.start < pos;
  }

  /** True when an unprinted comment lies inside `span`. */
  private hasCommentIn(span: Span): boolean {
    for (let i = this.next; i < this.comments.length; i++) {
      const c = this.comments[i].span.start;
      if (c >= span.end) return false;
      if (c >= span.start) return true;
    }
    return false;
  }

  /** Comment lines (with `indent`) for every unprinted comment starting before `pos`. */
  private leading(pos: number, indent: number): string {
    let out = '';
    while (this.pendingBefore(pos)) out += `${tabs(indent)}#${this.comments[this.next++].text}\n`;
    return out;
  }

  /** ` #text` when the next comment sits on `line` after `end`, else ''. */
  private trailing(end: number, line: number): string {
    const c = this.comments[this.next];
    if (!c || c.span.start < end || c.span.line !== line) return '';
    this.next++;
    return ` #${c.text}`;
  }

  /** ` #text` for a comment right after an opening bracket on `line`, before `before`. */
  private opener(span: Span, line: number, before: number): string {
    const c = this.comments[this.next];
    if (!c || c.span.start < span.start || c.span.start >= before || c.span.line !== line) return '';
    this.next++;
    return ` #${c.text}`;
  }

  /**
   * A sequence of lines (statements of a block, items of a resource), keeping
   * single blank lines from the source and placing comments around them.
   */
  seq<T extends Item>(items: T[], indent: number, openLine: number, end: number, print: (it: T) => string, suffix: string): string {
    let out = '';
    let prevLine = openLine;
    const blank = (line: number): void => {
      if (out !== '' && line > prevLine + 1) out += '\n';
    };
    const comments = (pos: number): void => {
      while (this.pendingBefore(pos)) {
        const c = this.comments[this.next++];
        blank(c.span.line);
        out += `${tabs(indent)}#${c.text}\n`;
        prevLine = c.span.endLine;
      }
    };
    for (const it of items) {
      comments(it.span.start);
      blank(it.span.line);
      const text = print(it);
      out += `${tabs(indent)}${text}${suffix}${this.trailing(it.span.end, it.span.endLine)}\n`;
      prevLine = it.span.endLine;
    }
    comments(end);
    return out;
  }

  /** `{}` or `{\n...\n}` around a sequence. */
  private braced<T extends Item>(items: T[], indent: number, openLine: number, span: Span, print: (it: T) => string, suffix: string): string {
    if (items.length === 0 && !this.hasCommentIn(span)) return '{}';
    const open = this.opener(span, openLine, items[0]?.span.start ?? span.end);
    return `{${open}\n${this.seq(items, indent + 1, openLine, span.end, print, suffix)}${tabs(indent)}}`;
  }

  // ------------------------------------------------------------ statements

  stmt(s: Stmt, indent: number): string {
    const col = indent * TAB;
    switch (s.kind) {
      case 'bind': {
        const head = `$${s.name}${s.type ? ` ${printType(s.type)}` : ''} = `;
        return head + this.top(s.value, { indent, col: col + head.length });
      }
      case 'res':
        return this.res(s, indent);
      case 'edge':
        return s.halves.map((h) => this.half(h, { indent, col })).join(' -> ');
      case 'if': {
        const head = `if ${this.expr(s.cond, { indent, col: col + 3 })} `;
        let out = head + this.block(s.then, indent);
        if (s.else) out += ` else ${this.block(s.else, indent)}`;
        return out;
      }
      case 'for':
      case 'forkv': {
        const vars = s.kind === 'for' ? `$${s.index}, $${s.value}` : `$${s.key}, $${s.value}`;
        const head = `${s.kind} ${vars} in `;
        return `${head}${this.expr(s.expr, { indent, col: col + head.length })} ${this.block(s.body, indent)}`;
      }
      case 'func':
        return `func ${s.name}${this.lambda(s.func, { indent, col }, true).slice('func'.length)}`;
      case 'class': {
        const params = s.params ? `(${this.params(s.params)})` : '';
        return `class ${s.name}${params} ${this.block(s.body, indent)}`;
      }
      case 'include': {
        let out = `include ${s.name}`;
        if (s.args) out += this.args(s.args, s.span, s.span.line, { indent, col: col + out.length });
        if (s.alias !== undefined) out += ` as ${s.alias}`;
        return out;
      }
      case 'import':
        return `import "${s.name}"${s.alias !== undefined ? ` as ${s.alias}` : ''}`;
      case 'panic':
        return `panic${this.args(s.args, s.span, s.span.line, { indent, col: col + 5 })}`;
    }
  }

  private block(b: Block, indent: number): string {
    return this.braced(b.body, indent, b.span.line, b.span, (s) => this.stmt(s, indent + 1), '');
  }

  private res(s: StmtRes, indent: number): string {
    const head = `${s.collect ? 'collect ' : ''}${s.resKind} `;
    const name = this.expr(s.name, { indent, col: indent * TAB + head.length });
    const body = this.braced(s.items, indent, s.name.span.endLine, s.span, (it) => this.resItem(it, indent + 1), ',');
    return `${head}${name} ${body}`;
  }

  private resItem(it: ResItem, indent: number): string {
    let head: string;
    switch (it.kind) {
      case 'field':
        head = `${it.name} => `;
        break;
      case 'edgeprop':
        head = `${capitalize(it.property)} => `;
        break;
      case 'meta':
        head = it.property === undefined ? 'Meta => ' : `Meta:${it.property} => `;
        break;
    }
    let col = indent * TAB + head.length;
    let out = head;
    if (it.cond) {
      const c = this.expr(it.cond, { indent, col });
      out += `${c} ?: `;
      col = endCol(c, col) + 4;
    }
    out += it.kind === 'edgeprop' ? this.half(it.half, { indent, col }) : this.top(it.value, { indent, col });
    return out;
  }

  private half(h: EdgeHalf, ctx: Ctx): string {
    const head = `${capitalize(h.resKind)}[`;
    const name = this.expr(h.name, ctx && { indent: ctx.indent, col: ctx.col + head.length });
    return `${head}${name}]${h.field !== undefined ? `.${h.field}` : ''}`;
  }

  private params(ps: Param[]): string {
    return ps.map((p) => `$${p.name}${p.type ? ` ${printType(p.type)}` : ''}`).join(', ');
  }

  // ------------------------------------------------------------ expressions

  /**
   * A value that stands on its own (bind, resource item, function result):
   * lambdas and if-expressions there always take the multi-line form, the way
   * upstream writes them; nested ones stay on one line when they fit.
   */
  private top(e: Expr, ctx: { indent: number; col: number }): string {
    if (e.kind === 'func') return this.lambda(e, ctx, true);
    if (e.kind === 'ifexpr') return this.ifExpr(e, ctx);
    return this.expr(e, ctx);
  }

  expr(e: Expr, ctx: Ctx): string {
    if (ctx && !this.hasCommentIn(e.span)) {
      const flat = this.expr(e, null);
      if (!flat.includes('\n') && ctx.col + flat.length <= WIDTH) return flat;
    }
    const sub = (col: number): Ctx => ctx && { indent: ctx.indent, col };
    const col = ctx?.col ?? 0;
    switch (e.kind) {
      case 'bool':
        return e.value ? 'true' : 'false';
      case 'str':
      case 'interp':
        return `"${e.raw}"`;
      case 'int':
        return e.value.toString();
      case 'float':
        return e.raw;
      case 'list':
        return this.items('[', ']', e.elems, e.span, e.span.line, ctx, (x, c) => this.expr(x, c));
      case 'map':
        return this.items('{', '}', e.entries, e.span, e.span.line, ctx, (en, c) => {
          const k = this.expr(en.key, c);
          return `${k} => ${this.expr(en.value, c && { indent: c.indent, col: endCol(k, c.col) + 4 })}`;
        });
      case 'struct':
        return this.items('struct{', '}', e.fields, e.span, e.span.line, ctx, (f, c) => `${f.name} => ${this.expr(f.value, c && { indent: c.indent, col: c.col + f.name.length + 4 })}`);
      case 'func':
        return this.lambda(e, ctx, false);
      case 'call': {
        let callee: string;
        if (e.callee.kind === 'name') callee = e.callee.name;
        else if (e.callee.kind === 'var') callee = `$${e.callee.name}`;
        else callee = this.lambda(e.callee.func, ctx, false);
        return callee + this.args(e.args, e.span, e.calleeSpan.endLine, sub(endCol(callee, col)));
      }
      case 'var':
        return `$${e.name}`;
      case 'ifexpr':
        return this.ifExpr(e, ctx);
      case 'binary': {
        const lv = binLevel(e.op);
        const l = this.operand(e.left, ctx, col, level(e.left) < lv || (lv === 4 && level(e.left) === 4));
        const mid = ` ${e.op} `;
        const r = this.operand(e.right, ctx, endCol(l, col) + mid.length, level(e.right) <= lv);
        return l + mid + r;
      }
      case 'not':
        return `not ${this.operand(e.expr, ctx, col + 4, level(e.expr) < 7)}`;
      case 'index': {
        const o = this.operand(e.obj, ctx, col, level(e.obj) < 10);
        return `${o}[${this.expr(e.index, sub(endCol(o, col) + 1))}]`;
      }
      case 'field': {
        const o = this.operand(e.obj, ctx, col, level(e.obj) < 10);
        let out = `${o}->${e.field}`;
        if (e.def) out += ` <|> ${this.operand(e.def, ctx, endCol(out, col) + 5, level(e.def) < 10)}`;
        return out;
      }
      case 'except': {
        // A bare `x->f` before `<|>` would read as the optional-field form.
        const lp = level(e.left) < 1 || (e.left.kind === 'field' && !e.left.def);
        const l = this.operand(e.left, ctx, col, lp);
        const r = this.operand(e.right, ctx, endCol(l, col) + 5, level(e.right) <= 1);
        return `${l} <|> ${r}`;
      }
    }
  }

  private operand(e: Expr, ctx: Ctx, col: number, paren: boolean): string {
    if (!paren) return this.expr(e, ctx && { indent: ctx.indent, col });
    return `(${this.expr(e, ctx && { indent: ctx.indent, col: col + 1 })})`;
  }

  /** `(a, b)` or the multi-line form with one argument per line. */
  private args(args: Expr[], span: Span, openLine: number, ctx: Ctx): string {
    return this.items('(', ')', args, span, openLine, ctx, (x, c) => this.expr(x, c));
  }

  /**
   * A bracketed list of items: one line when `ctx` is null or it fits without
   * comments, else one item per line, each ending in `,`.
   */
  private items<T extends Item>(open: string, close: string, xs: T[], span: Span, openLine: number, ctx: Ctx, print: (x: T, c: Ctx) => string): string {
    const flat = (): string => open + xs.map((x) => print(x, null)).join(', ') + close;
    if (!ctx) return flat();
    const inner = ctx.indent + 1;
    if (!this.hasCommentIn(span)) {
      const f = flat();
      if (xs.length === 0 || (!f.includes('\n') && ctx.col + f.length <= WIDTH)) return f;
    }
    let out = `${open}${this.opener(span, openLine, xs[0]?.span.start ?? span.end)}\n`;
    for (const x of xs) {
      out += this.leading(x.span.start, inner);
      out += `${tabs(inner)}${print(x, { indent: inner, col: inner * TAB })},${this.trailing(x.span.end, x.span.endLine)}\n`;
    }
    out += this.leading(span.end, inner);
    return `${out}${tabs(ctx.indent)}${close}`;
  }

  /** `func(params) [type] { body }`, on one line if it fits and `broken` is not asked for. */
  private lambda(f: ExprFunc, ctx: Ctx, broken: boolean): string {
    const head = `func(${this.params(f.params)})${f.ret ? ` ${printType(f.ret)}` : ''} {`;
    if (!ctx) return `${head} ${this.expr(f.body, null)} }`;
    if (!broken && !this.hasCommentIn(f.span)) {
      const flat = `${head} ${this.expr(f.body, null)} }`;
      if (!flat.includes('\n') && ctx.col + flat.length <= WIDTH) return flat;
    }
    const inner = ctx.indent + 1;
    let out = `${head}${this.opener(f.span, f.span.line, f.body.span.start)}\n${this.leading(f.body.span.start, inner)}`;
    out += `${tabs(inner)}${this.top(f.body, { indent: inner, col: inner * TAB })}${this.trailing(f.body.span.end, f.body.span.endLine)}\n`;
    out += this.leading(f.span.end, inner);
    return `${out}${tabs(ctx.indent)}}`;
  }

  private ifExpr(e: Expr & { kind: 'ifexpr' }, ctx: Ctx): string {
    const cond = this.expr(e.cond, ctx && { indent: ctx.indent, col: ctx.col + 3 });
    if (!ctx) return `if ${cond} { ${this.expr(e.then, null)} } else { ${this.expr(e.else, null)} }`;
    const inner = ctx.indent + 1;
    const branch = (x: Expr, until: number): string =>
      this.leading(x.span.start, inner) +
      `${tabs(inner)}${this.top(x, { indent: inner, col: inner * TAB })}${this.trailing(x.span.end, x.span.endLine)}\n` +
      this.leading(until, inner);
    let out = `if ${cond} {${this.opener(e.span, e.span.line, e.then.span.start)}\n${branch(e.then, e.else.span.start)}`;
    out += `${tabs(ctx.indent)}} else {\n${branch(e.else, e.span.end)}`;
    return `${out}${tabs(ctx.indent)}}`;
  }
}
