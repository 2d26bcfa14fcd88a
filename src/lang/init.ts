// The Init stage (errInit): structural checks of every node of a file, used or
// not — duplicate static map keys and struct fields, resource field and meta
// duplicates, property names, imports in loops, variable names. Also the one
// meta check upstream only makes when it builds the function graph (errGraph).

import type { Block, Expr, ExprMap, ExprStruct, Param, Program, ResItem, Stmt, StmtRes } from './ast.js';
import type { Span } from './errors.js';
import { LangError } from './errors.js';
import { isHashable, T, typeString, type Type } from './types/type.js';
import { formatValue, MapValue, StructValue, valueKey, type Value } from './types/value.js';
import { constantString } from './interpolate.js';

/** Meta properties in the order of the `Meta => struct{…}` type. */
export const META_PROPERTIES = [
  'noop',
  'retry',
  'retryreset',
  'delay',
  'timeout',
  'poll',
  'limit',
  'burst',
  'reset',
  'sema',
  'rewatch',
  'realize',
  'dollar',
  'hidden',
  'export',
  'reverse',
  'autoedge',
  'autogroup',
] as const;

export const EDGE_PROPERTIES = ['before', 'depend', 'notify', 'listen'] as const;

export function initCheck(prog: Program): LangError | undefined {
  try {
    stmts(prog.body);
  } catch (e) {
    if (e instanceof LangError) return e;
    throw e;
  }
  return undefined;
}

/**
 * `Meta => struct{…}` next to another meta entry of the same resource: every
 * field of the struct counts as an entry. Upstream finds this late, at errGraph.
 */
export function metaEntryCheck(prog: Program): LangError | undefined {
  let found: LangError | undefined;
  const visit = (body: Stmt[]): void => {
    for (const s of body) {
      if (found) return;
      switch (s.kind) {
        case 'res':
          found = metaEntries(s);
          break;
        case 'if':
          visit(s.then.body);
          if (s.else) visit(s.else.body);
          break;
        case 'for':
        case 'forkv':
        case 'class':
          visit(s.body.body);
          break;
      }
    }
  };
  visit(prog.body);
  return found;
}

function metaEntries(res: StmtRes): LangError | undefined {
  const seen = new Set<string>();
  for (const it of res.items) {
    if (it.kind !== 'meta') continue;
    let names: readonly string[];
    if (it.property !== undefined) names = [it.property];
    else if (it.value.kind === 'struct') names = it.value.fields.map((f) => f.name);
    else names = META_PROPERTIES;
    for (const n of names) {
      if (seen.has(n)) return new LangError('errGraph', `resource has duplicate meta entry of: ${n}`, res.span);
      seen.add(n);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- walk

function fail(message: string, span: Span): never {
  throw new LangError('errInit', message, span);
}

/** Upstream's variable name rule: lowercase words joined by single `_` or `.`. */
const VAR_NAME = /^[a-z]+(_?[a-z0-9]+)*(\.?[a-z0-9]+(_?[a-z0-9]+)*)*$/;

function varName(name: string, span: Span): void {
  // (uncertain) wording: no conformance case shows this message.
  if (!VAR_NAME.test(name)) fail(`invalid var name: \`${name}\``, span);
}

function params(ps: Param[] | undefined): void {
  for (const p of ps ?? []) varName(p.name, p.span);
}

function stmts(body: Stmt[]): void {
  for (const s of body) stmt(s);
}

function block(b: Block): void {
  stmts(b.body);
}

function stmt(s: Stmt): void {
  switch (s.kind) {
    case 'bind':
      varName(s.name, s.nameSpan);
      expr(s.value);
      return;
    case 'res':
      res(s);
      return;
    case 'edge':
      for (const h of s.halves) {
        if (h.resKind.startsWith('_')) fail('kind must not start with an underscore', h.span);
        expr(h.name);
      }
      return;
    case 'if':
      expr(s.cond);
      block(s.then);
      if (s.else) block(s.else);
      return;
    case 'for':
    case 'forkv': {
      const loop = s.kind === 'for' ? 'StmtFor' : 'StmtForKV';
      if (s.body.body.some((x) => x.kind === 'import')) fail(`a StmtImport can't be contained inside a ${loop}`, s.span);
      if (s.kind === 'for') {
        varName(s.index, s.indexSpan);
      } else {
        varName(s.key, s.keySpan);
      }
      varName(s.value, s.valueSpan);
      expr(s.expr);
      block(s.body);
      return;
    }
    case 'func':
      expr(s.func);
      return;
    case 'class':
      params(s.params);
      block(s.body);
      return;
    case 'include':
      for (const a of s.args ?? []) expr(a);
      return;
    case 'import':
      return;
    case 'panic':
      for (const a of s.args) expr(a);
      return;
  }
}

function res(s: StmtRes): void {
  // Upstream's rule: underscores are fine inside a kind (`ssh:authorized_key`);
  // only a leading one is reserved (for the internal `_panic` kind).
  if (s.resKind.startsWith('_') && s.resKind !== '_panic') fail('kind must not start with an underscore', s.kindSpan);
  expr(s.name);
  const fields = new Set<string>();
  const metas = new Set<string>();
  for (const it of s.items) {
    if (it.kind === 'field') {
      if (fields.has(it.name)) fail(`resource has duplicate field of: ${it.name}`, s.span);
      fields.add(it.name);
    } else if (it.kind === 'meta' && it.property !== undefined) {
      // Whole `Meta => struct` entries are only comparable later (metaEntryCheck).
      if (metas.has(it.property)) fail(`resource has duplicate meta entry of: ${it.property}`, s.span);
      metas.add(it.property);
    }
    resItem(it);
  }
}

function resItem(it: ResItem): void {
  switch (it.kind) {
    case 'field':
      expr(it.value);
      break;
    case 'edgeprop':
      if (!(EDGE_PROPERTIES as readonly string[]).includes(it.property)) fail(`invalid property: \`${it.property}\``, it.span);
      expr(it.half.name);
      break;
    case 'meta':
      if (it.property !== undefined && !(META_PROPERTIES as readonly string[]).includes(it.property))
        fail(`invalid property: \`${it.property}\``, it.span);
      expr(it.value);
      break;
  }
  if (it.cond) expr(it.cond);
}

function expr(e: Expr): void {
  switch (e.kind) {
    case 'bool':
    case 'str':
    case 'int':
    case 'float':
      return;
    case 'interp':
      for (const p of e.parts) if (typeof p !== 'string') expr(p);
      return;
    case 'list':
      for (const x of e.elems) expr(x);
      return;
    case 'map':
      mapLiteral(e);
      for (const en of e.entries) {
        expr(en.key);
        expr(en.value);
      }
      return;
    case 'struct':
      structLiteral(e);
      for (const f of e.fields) expr(f.value);
      return;
    case 'func':
      params(e.params);
      expr(e.body);
      return;
    case 'call':
      if (e.callee.kind === 'var') varName(e.callee.name, e.calleeSpan);
      if (e.callee.kind === 'lambda') expr(e.callee.func);
      for (const a of e.args) expr(a);
      return;
    case 'var':
      varName(e.name, e.span);
      return;
    case 'ifexpr':
      expr(e.cond);
      expr(e.then);
      expr(e.else);
      return;
    case 'binary':
      expr(e.left);
      expr(e.right);
      return;
    case 'not':
      expr(e.expr);
      return;
    case 'index':
      expr(e.obj);
      expr(e.index);
      return;
    case 'field':
      expr(e.obj);
      if (e.def) expr(e.def);
      return;
    case 'except':
      expr(e.left);
      expr(e.right);
      return;
  }
}

function structLiteral(e: ExprStruct): void {
  const seen = new Set<string>();
  for (const f of e.fields) {
    if (seen.has(f.name)) fail(`duplicate struct field name of: \`${f.name}\``, e.span);
    seen.add(f.name);
  }
}

// ---------------------------------------------------------------- map literals

function mapLiteral(e: ExprMap): void {
  let ref: Type | undefined;
  for (const en of e.entries) {
    const t = keyType(en.key);
    if (!t) continue;
    if (!ref) {
      ref = t;
      continue;
    }
    const diff = typeDiff(ref, t);
    if (diff) fail(`inconsistent map key type: ${diff}`, e.span);
  }
  if (!ref) return;
  if (!isHashable(ref)) fail(`map key type ${typeString(ref)} is not hashable`, e.span);
  const seen = new Set<string>();
  for (const en of e.entries) {
    const v = constValue(en.key);
    if (v === undefined) continue;
    const k = valueKey(v);
    if (seen.has(k)) fail(`duplicate map key: ${formatValue(v)}`, e.span);
    seen.add(k);
  }
}

/** The type of a key that is obvious from its syntax alone, else undefined. */
function keyType(e: Expr): Type | undefined {
  switch (e.kind) {
    case 'bool':
      return T.bool;
    case 'str':
    case 'interp':
      return T.str;
    case 'int':
      return T.int;
    case 'float':
      return T.float;
    case 'list': {
      const elem = sameType(e.elems.map(keyType));
      return elem && T.list(elem);
    }
    case 'map': {
      const k = sameType(e.entries.map((en) => keyType(en.key)));
      const v = sameType(e.entries.map((en) => keyType(en.value)));
      return k && v && T.map(k, v);
    }
    case 'struct': {
      if (e.fields.length === 0) return undefined;
      const fields = e.fields.map((f) => ({ name: f.name, type: keyType(f.value) }));
      if (fields.some((f) => !f.type)) return undefined;
      return T.struct(fields as { name: string; type: Type }[]);
    }
    default:
      return undefined;
  }
}

/** The common type of a non-empty list of known types, else undefined. */
function sameType(ts: (Type | undefined)[]): Type | undefined {
  if (ts.length === 0) return undefined;
  const first = ts[0];
  if (!first) return undefined;
  for (const t of ts) if (!t || typeDiff(first, t)) return undefined;
  return first;
}

/** Why two types differ, in upstream's words (as its Type.Cmp says it), or undefined. */
function typeDiff(a: Type, b: Type): string | undefined {
  if (a.k !== b.k) return `base kind does not match (${a.k} != ${b.k})`;
  switch (a.k) {
    case 'list': {
      const d = typeDiff(a.elem, (b as typeof a).elem);
      return d && `non-matching list values: ${d}`;
    }
    case 'map': {
      const m = b as typeof a;
      const dk = typeDiff(a.key, m.key);
      if (dk) return `key type mismatch: ${dk}`;
      const dv = typeDiff(a.val, m.val);
      return dv && `val type mismatch: ${dv}`;
    }
    case 'struct': {
      const s = b as typeof a;
      if (a.fields.length !== s.fields.length) return 'struct field count differs';
      for (let i = 0; i < a.fields.length; i++) if (a.fields[i].name !== s.fields[i].name) return 'struct fields differ';
      for (let i = 0; i < a.fields.length; i++) {
        const d = typeDiff(a.fields[i].type, s.fields[i].type);
        if (d) return `field ${a.fields[i].name} doesn't match: ${d}`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The value of a key built only from literals (strings without references), else undefined. */
function constValue(e: Expr): Value | undefined {
  switch (e.kind) {
    case 'bool':
      return e.value;
    case 'str':
      return e.value ?? constantString(e.raw);
    case 'int':
      return e.value;
    case 'float':
      return e.value;
    case 'list': {
      const vs = e.elems.map(constValue);
      return vs.every((v) => v !== undefined) ? (vs as Value[]) : undefined;
    }
    case 'map': {
      const m = new MapValue();
      for (const en of e.entries) {
        const k = constValue(en.key);
        const v = constValue(en.value);
        if (k === undefined || v === undefined) return undefined;
        m.set(k, v);
      }
      return m;
    }
    case 'struct': {
      if (e.fields.length === 0) return undefined; // `struct{}` keys collide only at run time
      const fields: [string, Value][] = [];
      for (const f of e.fields) {
        const v = constValue(f.value);
        if (v === undefined) return undefined;
        fields.push([f.name, v]);
      }
      return new StructValue(fields);
    }
    default:
      return undefined;
  }
}
