// The Interpolate stage (errInterpolate): string literals get their escapes
// applied and `${name}` references split out, `class a:b:c` sugar is moved
// into the class it names, and duplicate class names in a block are caught.
// It builds a new tree and never touches the one it was given.

import type {
  Block,
  EdgeHalf,
  Expr,
  ExprStr,
  ExprVar,
  Program,
  ResItem,
  Stmt,
  StmtClass,
} from './ast.js';
import { LangError } from './errors.js';

// ---------------------------------------------------------------- string scanner

/** The pieces of one string literal, or why it can't be read. */
export type ScanResult =
  | { ok: true; parts: (string | { name: string })[] }
  | { ok: false; message: string };

const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  $: '$',
};

/** A plain, possibly dotted, variable name: `x`, `i_i`, `const.res.file.state.exists`. */
const REF_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/**
 * Scan the raw text of a string literal (between the quotes) left to right.
 * Adjacent literal pieces come out merged; empty pieces are dropped.
 */
export function scanString(raw: string): ScanResult {
  const parts: (string | { name: string })[] = [];
  let buf = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c === '\\') {
      const n = raw[i + 1] ?? '';
      const mapped = ESCAPES[n];
      if (mapped === undefined) return { ok: false, message: `parser failed: unknown escape sequence: \\${n}` };
      buf += mapped;
      i += 2;
      continue;
    }
    if (c === '$' && raw[i + 1] === '{') {
      const close = raw.indexOf('}', i + 2);
      const name = close < 0 ? '' : raw.slice(i + 2, close);
      if (!REF_NAME.test(name)) return { ok: false, message: `parser failed: cannot parse string: ${raw}` };
      if (buf !== '') parts.push(buf);
      buf = '';
      parts.push({ name });
      i = close + 1;
      continue;
    }
    buf += c;
    i++;
  }
  if (buf !== '') parts.push(buf);
  return { ok: true, parts };
}

/** The value of a literal without references, or undefined when it has some or is invalid. */
export function constantString(raw: string): string | undefined {
  const r = scanString(raw);
  if (!r.ok) return undefined;
  let s = '';
  for (const p of r.parts) {
    if (typeof p !== 'string') return undefined;
    s += p;
  }
  return s;
}

// ---------------------------------------------------------------- the stage

export function interpolate(prog: Program): { ast: Program } | { error: LangError } {
  try {
    return { ast: { ...prog, body: stmts(prog.body) } };
  } catch (e) {
    if (e instanceof LangError) return { error: e };
    throw e;
  }
}

function fail(message: string, span: Expr['span']): never {
  throw new LangError('errInterpolate', message, span);
}

/** One block's statements: children first, then class sugar, then duplicate class names. */
function stmts(body: Stmt[]): Stmt[] {
  const out = body.map(stmt);
  // Shorter paths first, so `a:b:c` finds the `b` that `a:b` sugar put into `a`.
  const sugar = out
    .filter((s): s is StmtClass => s.kind === 'class' && s.name.includes(':'))
    .map((s, i) => ({ s, i, depth: s.name.split(':').length }))
    .sort((x, y) => x.depth - y.depth || x.i - y.i);
  const moved = new Set<Stmt>();
  for (const { s } of sugar) {
    const path = s.name.split(':');
    const target = findClass(out, path.slice(0, -1), moved);
    if (!target) continue; // not a class of this block: left as written
    const inner: StmtClass = { ...s, name: path[path.length - 1] };
    checkNoClass(target.body.body, inner);
    target.body.body.push(inner);
    moved.add(s);
  }
  const result = out.filter((s) => !moved.has(s));
  const seen = new Set<string>();
  for (const s of result) {
    if (s.kind !== 'class') continue;
    if (seen.has(s.name)) fail(`duplicate class name of: \`${s.name}\``, s.span);
    seen.add(s.name);
  }
  return result;
}

function findClass(body: Stmt[], path: string[], moved: Set<Stmt>): StmtClass | undefined {
  let scope = body;
  let found: StmtClass | undefined;
  for (const name of path) {
    found = scope.find((s): s is StmtClass => s.kind === 'class' && s.name === name && !moved.has(s));
    if (!found) return undefined;
    scope = found.body.body;
  }
  return found;
}

function checkNoClass(body: Stmt[], cls: StmtClass): void {
  if (body.some((s) => s.kind === 'class' && s.name === cls.name)) fail(`duplicate class name of: \`${cls.name}\``, cls.span);
}

function block(b: Block): Block {
  return { ...b, body: stmts(b.body) };
}

function stmt(s: Stmt): Stmt {
  switch (s.kind) {
    case 'bind':
      return { ...s, value: expr(s.value) };
    case 'res':
      return { ...s, name: expr(s.name), items: s.items.map(resItem) };
    case 'edge':
      return { ...s, halves: s.halves.map(half) };
    case 'if':
      return { ...s, cond: expr(s.cond), then: block(s.then), else: s.else && block(s.else) };
    case 'for':
    case 'forkv':
      return { ...s, expr: expr(s.expr), body: block(s.body) };
    case 'func': {
      const f = expr(s.func);
      return { ...s, func: f as typeof s.func };
    }
    case 'class':
      return { ...s, body: block(s.body) };
    case 'include':
      return s.args ? { ...s, args: s.args.map(expr) } : { ...s };
    case 'import':
      return { ...s };
    case 'panic':
      return { ...s, args: s.args.map(expr) };
  }
}

function resItem(it: ResItem): ResItem {
  const cond = it.cond && expr(it.cond);
  switch (it.kind) {
    case 'field':
      return { ...it, value: expr(it.value), cond };
    case 'edgeprop':
      return { ...it, half: half(it.half), cond };
    case 'meta':
      return { ...it, value: expr(it.value), cond };
  }
}

function half(h: EdgeHalf): EdgeHalf {
  return { ...h, name: expr(h.name) };
}

function expr(e: Expr): Expr {
  switch (e.kind) {
    case 'bool':
    case 'int':
    case 'float':
    case 'var':
    case 'interp':
      return e;
    case 'str':
      return str(e);
    case 'list':
      return { ...e, elems: e.elems.map(expr) };
    case 'map':
      return { ...e, entries: e.entries.map((en) => ({ ...en, key: expr(en.key), value: expr(en.value) })) };
    case 'struct':
      return { ...e, fields: e.fields.map((f) => ({ ...f, value: expr(f.value) })) };
    case 'func':
      return { ...e, body: expr(e.body) };
    case 'call': {
      const callee = e.callee.kind === 'lambda' ? { kind: 'lambda' as const, func: expr(e.callee.func) as typeof e.callee.func } : e.callee;
      return { ...e, callee, args: e.args.map(expr) };
    }
    case 'ifexpr':
      return { ...e, cond: expr(e.cond), then: expr(e.then), else: expr(e.else) };
    case 'binary':
      return { ...e, left: expr(e.left), right: expr(e.right) };
    case 'not':
      return { ...e, expr: expr(e.expr) };
    case 'index':
      return { ...e, obj: expr(e.obj), index: expr(e.index) };
    case 'field':
      return { ...e, obj: expr(e.obj), def: e.def && expr(e.def) };
    case 'except':
      return { ...e, left: expr(e.left), right: expr(e.right) };
  }
}

function str(e: ExprStr): Expr {
  const r = scanString(e.raw);
  if (!r.ok) fail(r.message, e.span);
  if (r.parts.every((p) => typeof p === 'string')) return { kind: 'str', raw: e.raw, value: r.parts.join(''), span: e.span };
  // Every reference carries the literal's span, so later errors blame the literal.
  const parts = r.parts.map((p): string | ExprVar => (typeof p === 'string' ? p : { kind: 'var', name: p.name, span: e.span }));
  return { kind: 'interp', raw: e.raw, parts, span: e.span };
}
