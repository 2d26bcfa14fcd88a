// SetScope: resolves every name to a binding and instantiates the program.
//
// Each `include` gets a fresh copy of the class body, and each call of a
// `func` statement a fresh copy of its body, so that later stages see one
// node per instance. Names are resolved lazily, so statement order never
// matters; duplicates and cycles were already rejected by ordering.ts, which
// also guarantees that instantiation terminates.

import type * as A from './ast.js';
import { LangError } from './errors.js';
import type { Span } from './errors.js';
import type { FuncDef, Registry } from './funcs/registry.js';
import type { Binding, Ctx, IEdgeHalf, IExpr, IResItem, IStmt, ModuleInfo, ScopedProgram } from './ir.js';
import { importAlias } from './ordering.js';
import { collectSource } from './funcs/world/collect/source.js';
import { T } from './types/type.js';
import { typeOfValue } from './types/speculate.js';
import type { Type } from './types/type.js';
import { globalConstants } from './consts.js';
import type { Value } from './types/value.js';

type FuncEntry =
  | { k: 'builtin'; def: FuncDef; fullName: string; module: ModuleInfo }
  | { k: 'user'; stmt: A.StmtFunc; scope: Scope; module: ModuleInfo; fullName: string };

interface ClassEntry {
  stmt: A.StmtClass;
  scope: Scope;
  module: ModuleInfo;
}

/** One level of names. Dotted names reach into `scoped` aliases (imports, `include … as`). */
export class Scope {
  readonly vars = new Map<string, Binding>();
  readonly funcs = new Map<string, FuncEntry>();
  readonly classes = new Map<string, ClassEntry>();
  readonly scoped = new Map<string, () => Scope>();
  constructor(readonly parent?: Scope) {}
}

/** Loads another file of the deploy through the early stages (parse, init, interpolate, ordering). */
export type Frontend = (deployPath: string) => { ast: A.Program } | { error: LangError; prefix: string } | undefined;

export interface ScopeOptions {
  registry: Registry;
  frontend: Frontend;
  hostname: string;
  /** Reads `metadata.yaml` of a module directory: returns the entry file name. */
  moduleMain: (deployDir: string) => string;
}

interface BlockCtx {
  ctx: Ctx;
  module: ModuleInfo;
}

class Lookup<T> {
  constructor(
    private readonly table: (s: Scope) => Map<string, T>,
  ) {}
  find(scope: Scope | undefined, name: string): T | undefined {
    for (let s = scope; s; s = s.parent) {
      const direct = this.table(s).get(name);
      if (direct) return direct;
      const dot = name.indexOf('.');
      if (dot > 0) {
        const alias = s.scoped.get(name.slice(0, dot));
        if (alias) {
          const inner = this.find(alias(), name.slice(dot + 1));
          if (inner) return inner;
        }
      }
    }
    return undefined;
  }
}

const VARS = new Lookup<Binding>((s) => s.vars);
const FUNCS = new Lookup<FuncEntry>((s) => s.funcs);
const CLASSES = new Lookup<ClassEntry>((s) => s.classes);

const FUNC_BODY = 'failed to set scope on function body: ';

export class ScopeBuilder {
  private nextId = 1;
  private nextCtx = 1;
  readonly root: Ctx = { id: 0, what: 'root' };
  readonly binds: Binding[] = [];
  private readonly global: Scope;
  /** Errors raised while resolving a bind: reported as they are, never re-wrapped by a function body. */
  private readonly settled = new WeakSet<LangError>();
  private readonly moduleCache = new Map<string, Scope>();
  private readonly loading: string[] = [];

  constructor(private readonly opts: ScopeOptions) {
    this.global = new Scope();
    const core = opts.registry.module('');
    for (const def of core?.funcs ?? []) {
      this.global.funcs.set(def.name, { k: 'builtin', def, fullName: def.name, module: { base: '/', file: '' } });
    }
    for (const [name, value] of Object.entries(globalConstants(opts.hostname))) this.global.vars.set(name, this.constBinding(name, value));
  }

  /** SetScope of the entry program. */
  program(prog: A.Program, module: ModuleInfo): ScopedProgram {
    const { out } = this.block(prog.body, this.global, { ctx: this.root, module });
    return { stmts: out, root: this.root, binds: this.binds };
  }

  // ------------------------------------------------------------ helpers

  private id(): number {
    return this.nextId++;
  }
  private ctx(what: Ctx['what'], parent: Ctx): Ctx {
    return { id: this.nextCtx++, what, parent };
  }
  private constBinding(name: string, value: Value): Binding {
    return { k: 'const', id: this.id(), name, value, type: typeOfConst(value) };
  }
  private err(msg: string, span: Span): LangError {
    return new LangError('errSetScope', msg, span);
  }

  /** Runs `f`, prefixing scope errors found inside a function body. */
  private inFuncBody<R>(f: () => R): R {
    try {
      return f();
    } catch (e) {
      if (e instanceof LangError && e.stage === 'errSetScope' && !this.settled.has(e)) {
        const wrapped = new LangError(e.stage, FUNC_BODY + e.detail, e.span, { outer: e.outer, inlineByline: e.inlineByline });
        throw wrapped;
      }
      throw e;
    }
  }

  // ------------------------------------------------------------ blocks

  private block(stmts: A.Stmt[], parent: Scope, bc: BlockCtx): { scope: Scope; out: IStmt[] } {
    const scope = new Scope(parent);
    this.imports(stmts, scope, bc);

    const includes = new Map<A.StmtInclude, { out: IStmt[]; scope: Scope }>();
    // An include reached again while it is being instantiated (through its
    // own alias) is a cycle that the static ordering cannot see.
    const including = new Set<A.StmtInclude>();
    const include = (s: A.StmtInclude) => {
      let r = includes.get(s);
      if (!r) {
        if (including.has(s)) throw this.err('recursive reference while setting scope: not a dag', s.span);
        including.add(s);
        try {
          r = this.include(s, scope, bc);
        } finally {
          including.delete(s);
        }
        includes.set(s, r);
      }
      return r;
    };

    for (const s of stmts) {
      switch (s.kind) {
        case 'bind': {
          let resolved: IExpr | undefined;
          // Re-entering while resolving is a cycle that the static ordering
          // cannot see (e.g. through an `include … as` alias's captured scope).
          let resolving = false;
          const b: Binding = {
            k: 'bind',
            id: this.id(),
            name: s.name,
            ctx: bc.ctx,
            type: s.type,
            span: s.nameSpan,
            module: bc.module,
            expr: () => {
              if (!resolved) {
                if (resolving) throw this.err('recursive reference while setting scope: not a dag', s.nameSpan);
                resolving = true;
                try {
                  resolved = this.expr(s.value, scope, bc);
                } catch (e) {
                  if (e instanceof LangError) this.settled.add(e);
                  throw e;
                } finally {
                  resolving = false;
                }
              }
              return resolved;
            },
          };
          scope.vars.set(s.name, b);
          this.binds.push(b);
          break;
        }
        case 'func':
          scope.funcs.set(s.name, { k: 'user', stmt: s, scope, module: bc.module, fullName: s.name });
          break;
        case 'class':
          scope.classes.set(s.name, { stmt: s, scope, module: bc.module });
          break;
        case 'include':
          if (s.alias) scope.scoped.set(s.alias, () => include(s).scope);
          break;
        default:
          break;
      }
    }

    // Scope-check every bind and function body, used or not.
    const out: IStmt[] = [];
    for (const s of stmts) {
      switch (s.kind) {
        case 'bind': {
          const b = scope.vars.get(s.name);
          if (b && b.k === 'bind') b.expr();
          break;
        }
        case 'func':
          this.checkFuncBody(s, scope, bc);
          break;
        case 'include':
          out.push(...include(s).out);
          break;
        case 'res':
        case 'edge':
        case 'if':
        case 'for':
        case 'forkv':
        case 'panic':
          out.push(this.stmt(s, scope, bc));
          break;
        default:
          break;
      }
    }
    return { scope, out };
  }

  private imports(stmts: A.Stmt[], scope: Scope, bc: BlockCtx): void {
    const names = new Set<string>();
    const aliases = new Set<string>();
    for (const s of stmts) {
      if (s.kind !== 'import') continue;
      if (names.has(s.name)) throw this.err(`import \`${s.name}\` already exists in this scope`, s.span);
      names.add(s.name);
      if (s.name.startsWith('/')) throw this.err(`import \`${s.name}\` is not valid: absolute paths are not allowed`, s.span);
      if (s.name === '' || /\s/.test(s.name)) throw this.err(`import \`${s.name}\` is not valid`, s.span);
      const alias = s.alias ?? importAlias(s.name);
      if (alias !== '*') {
        if (aliases.has(alias)) throw this.err(`import alias \`${alias}\` already exists in this scope`, s.span);
        aliases.add(alias);
      }
      const mod = this.loadModule(s, bc);
      if (alias === '*') {
        for (const [k, v] of mod.vars) scope.vars.set(k, v);
        for (const [k, v] of mod.funcs) scope.funcs.set(k, v);
        for (const [k, v] of mod.classes) scope.classes.set(k, v);
        for (const [k, v] of mod.scoped) scope.scoped.set(k, v);
      } else {
        scope.scoped.set(alias, () => mod);
      }
    }
  }

  // ------------------------------------------------------------ modules

  private loadModule(s: A.StmtImport, bc: BlockCtx): Scope {
    const name = s.name;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) {
      throw this.err(`remote import of \`${name}\` failed: fetching remote modules is not supported yet`, s.span);
    }
    const isLocal = name.endsWith('.mcl') || name.endsWith('/');
    if (!isLocal) return this.systemModule(name, s);

    let base = bc.module.base;
    let path: string;
    let modBase: string;
    if (name.endsWith('/')) {
      modBase = normalize(base + name);
      path = modBase + this.opts.moduleMain(modBase);
    } else {
      path = normalize(dirOf(bc.module.file) + name);
      modBase = base;
    }
    const cached = this.moduleCache.get(path);
    if (cached) return cached;
    if (this.loading.includes(path)) throw this.err(`recursive import of: \`${name}\``, s.span);

    const wrap = (e: LangError, prefix: string) => e.restage('errSetScope', `local import of \`${name}\` failed: ${prefix}`, s.span);
    const loaded = this.opts.frontend(path);
    if (!loaded) throw this.err(`local import of \`${name}\` failed: could not read \`${path}\``, s.span);
    if ('error' in loaded) throw wrap(loaded.error, loaded.prefix);

    this.loading.push(path);
    try {
      const module: ModuleInfo = { base: modBase, file: path };
      let scope: Scope;
      try {
        scope = this.block(loaded.ast.body, this.global, { ctx: this.root, module }).scope;
      } catch (e) {
        if (e instanceof LangError && e.stage === 'errSetScope') throw wrap(e, 'could not set scope from import: ');
        throw e;
      }
      const unused = loaded.ast.body.find((st) => !['import', 'bind', 'func', 'class'].includes(st.kind));
      if (unused) {
        const inner = new LangError('errSetScope', `module contains unused statements: found stmt: ${stmtShort(unused)}`, unused.span);
        throw wrap(inner, '');
      }
      this.moduleCache.set(path, scope);
      return scope;
    } finally {
      this.loading.pop();
    }
  }

  private systemModule(name: string, s: A.StmtImport): Scope {
    const key = `system:${name}`;
    const cached = this.moduleCache.get(key);
    if (cached) return cached;
    const mod = this.opts.registry.module(name);
    const children = this.opts.registry.allModules().filter((m) => m.path.startsWith(name + '/'));
    if (!mod && children.length === 0) {
      throw this.err(`system import of \`${name}\` failed: could not find any non-empty scope named: ${name}`, s.span);
    }
    const module: ModuleInfo = { base: '/', file: `/${name}` };
    let scope = new Scope(this.global);
    if (mod?.mcl) {
      const loaded = this.opts.frontend(`builtin:${name}`);
      if (loaded && 'ast' in loaded) scope = this.block(loaded.ast.body, this.global, { ctx: this.root, module }).scope;
    }
    for (const def of mod?.funcs ?? []) scope.funcs.set(def.name, { k: 'builtin', def, fullName: `${name}.${def.name}`, module });
    for (const [k, v] of Object.entries(mod?.vars ?? {})) scope.vars.set(k, this.constBinding(k, v));
    this.moduleCache.set(key, scope);
    return scope;
  }

  // ------------------------------------------------------------ statements

  private stmt(s: A.Stmt, scope: Scope, bc: BlockCtx): IStmt {
    switch (s.kind) {
      case 'res':
        return {
          k: 'res',
          resKind: s.resKind,
          name: this.expr(s.name, scope, bc),
          items: s.items.map((it) => this.resItem(it, scope, bc)),
          collect: s.collect,
          source: s.collect ? this.collectSource(s.resKind, s.span, bc) : undefined,
          span: s.span,
          kindSpan: s.kindSpan,
        };
      case 'edge':
        return { k: 'edge', halves: s.halves.map((h) => this.half(h, scope, bc)), span: s.span };
      case 'if':
        return {
          k: 'if',
          cond: this.expr(s.cond, scope, bc),
          then: this.block(s.then.body, scope, bc).out,
          else: s.else ? this.block(s.else.body, scope, bc).out : [],
          span: s.span,
        };
      case 'for':
      case 'forkv': {
        const expr = this.expr(s.expr, scope, bc);
        const ctx = this.ctx('loop', bc.ctx);
        const first = s.kind === 'for' ? s.index : s.key;
        const firstSpan = s.kind === 'for' ? s.indexSpan : s.keySpan;
        const a: Binding & { k: 'param' } = { k: 'param', id: this.id(), name: first, ctx, span: firstSpan, index: 0 };
        const b: Binding & { k: 'param' } = { k: 'param', id: this.id(), name: s.value, ctx, span: s.valueSpan, index: 1 };
        const loopScope = new Scope(scope);
        loopScope.vars.set(first, a);
        loopScope.vars.set(s.value, b);
        const body = this.block(s.body.body, loopScope, { ctx, module: bc.module }).out;
        return s.kind === 'for'
          ? { k: 'for', ctx, expr, index: a, value: b, body, span: s.span }
          : { k: 'forkv', ctx, expr, key: a, value: b, body, span: s.span };
      }
      case 'panic': {
        const fname = s.args.length > 1 ? 'panic_debug' : 'panic';
        const def = this.opts.registry.lookup('', fname);
        if (!def) throw this.err(`func \`${fname}\` does not exist in this scope`, s.span);
        const cond: IExpr = {
          k: 'call',
          id: this.id(),
          span: s.span,
          def,
          fullName: fname,
          args: s.args.map((a) => this.expr(a, scope, bc)),
          module: bc.module,
        };
        const name: IExpr = { k: 'const', id: this.id(), span: s.span, value: 'panic', type: T.str };
        return { k: 'if', cond, then: [{ k: 'res', resKind: '_panic', name, items: [], collect: false, span: s.span, kindSpan: s.span }], else: [], span: s.span };
      }
      default:
        throw new Error(`internal error: ${s.kind} is not an output statement`);
    }
  }

  /** `_collect("kind")`: the stream of exported resources a collect statement takes in (§7.8). */
  private collectSource(kind: string, span: Span, bc: BlockCtx): IExpr {
    const arg: IExpr = { k: 'const', id: this.id(), span, value: kind, type: T.str };
    return { k: 'call', id: this.id(), span, def: collectSource, fullName: '_collect', args: [arg], module: bc.module };
  }

  private resItem(it: A.ResItem, scope: Scope, bc: BlockCtx): IResItem {
    const cond = it.cond ? this.expr(it.cond, scope, bc) : undefined;
    switch (it.kind) {
      case 'field':
        return { k: 'field', name: it.name, value: this.expr(it.value, scope, bc), cond, span: it.span };
      case 'edgeprop':
        return { k: 'edgeprop', property: it.property, half: this.half(it.half, scope, bc), cond, span: it.span };
      case 'meta':
        return { k: 'meta', property: it.property, value: this.expr(it.value, scope, bc), cond, span: it.span };
    }
  }

  private half(h: A.EdgeHalf, scope: Scope, bc: BlockCtx): IEdgeHalf {
    return { resKind: h.resKind, name: this.expr(h.name, scope, bc), field: h.field, span: h.span };
  }

  private include(s: A.StmtInclude, scope: Scope, bc: BlockCtx): { out: IStmt[]; scope: Scope } {
    const cls = CLASSES.find(scope, s.name);
    if (!cls) throw this.err(`class \`${s.name}\` does not exist in this scope`, s.span);
    const params = cls.stmt.params ?? [];
    const args = s.args ?? [];
    if (params.length !== args.length) {
      throw this.err(`class \`${cls.stmt.name}\` expected ${params.length} args but got ${args.length}`, s.span);
    }
    const paramScope = new Scope(cls.scope);
    params.forEach((p, i) => {
      const arg = this.expr(args[i], scope, bc);
      const b: Binding = { k: 'arg', id: this.id(), name: p.name, ctx: bc.ctx, expr: arg, type: p.type, span: s.span, via: 'include' };
      paramScope.vars.set(p.name, b);
    });
    return this.block(cls.stmt.body.body, paramScope, { ctx: bc.ctx, module: cls.module });
  }

  private checkFuncBody(s: A.StmtFunc, scope: Scope, bc: BlockCtx): void {
    const ctx = this.ctx('lambda', bc.ctx);
    const inner = new Scope(scope);
    s.func.params.forEach((p, index) => inner.vars.set(p.name, { k: 'param', id: this.id(), name: p.name, ctx, type: p.type, span: p.span, index }));
    this.inFuncBody(() => this.expr(s.func.body, inner, { ctx, module: bc.module }));
  }

  // ------------------------------------------------------------ expressions

  expr(e: A.Expr, scope: Scope, bc: BlockCtx): IExpr {
    // Objects written out field by field (not `...base`): one shape per kind, and V8 makes them fast.
    const id = this.id();
    const span = e.span;
    switch (e.kind) {
      case 'bool':
        return { id, span, k: 'const', value: e.value, type: T.bool };
      case 'str':
        return { id, span, k: 'const', value: e.value ?? e.raw, type: T.str };
      case 'int':
        return { id, span, k: 'const', value: e.value, type: T.int };
      case 'float':
        return { id, span, k: 'const', value: e.value, type: T.float };
      case 'interp':
        return { id, span, k: 'interp', parts: e.parts.map((p) => (typeof p === 'string' ? p : this.expr(p, scope, bc))) };
      case 'list':
        return { id, span, k: 'list', elems: e.elems.map((x) => this.expr(x, scope, bc)) };
      case 'map':
        return { id, span, k: 'map', entries: e.entries.map((x) => ({ key: this.expr(x.key, scope, bc), value: this.expr(x.value, scope, bc) })) };
      case 'struct':
        return { id, span, k: 'struct', fields: e.fields.map((x) => ({ name: x.name, value: this.expr(x.value, scope, bc) })) };
      case 'func':
        return this.lambda(e, scope, bc);
      case 'var': {
        const b = VARS.find(scope, e.name);
        if (!b) throw this.err(`var \`$${e.name}\` does not exist in this scope`, e.span);
        if (b.k === 'bind') b.expr();
        return { id, span, k: 'ref', binding: b, name: e.name };
      }
      case 'call':
        return this.call(e, scope, bc);
      case 'ifexpr':
        return { id, span, k: 'if', cond: this.expr(e.cond, scope, bc), then: this.expr(e.then, scope, bc), else: this.expr(e.else, scope, bc) };
      case 'binary':
        return { id, span, k: 'op', op: e.op, args: [this.expr(e.left, scope, bc), this.expr(e.right, scope, bc)] };
      case 'not':
        return { id, span, k: 'op', op: 'not', args: [this.expr(e.expr, scope, bc)] };
      case 'index':
        return { id, span, k: 'index', obj: this.expr(e.obj, scope, bc), index: this.expr(e.index, scope, bc) };
      case 'field':
        return { id, span, k: 'field', obj: this.expr(e.obj, scope, bc), field: e.field, def: e.def ? this.expr(e.def, scope, bc) : undefined };
      case 'except':
        return { id, span, k: 'except', left: this.expr(e.left, scope, bc), right: this.expr(e.right, scope, bc) };
    }
  }

  private lambda(e: A.ExprFunc, scope: Scope, bc: BlockCtx): IExpr {
    const ctx = this.ctx('lambda', bc.ctx);
    const inner = new Scope(scope);
    const params = e.params.map((p, index) => {
      const b: Binding & { k: 'param' } = { k: 'param', id: this.id(), name: p.name, ctx, type: p.type, span: p.span, index };
      inner.vars.set(p.name, b);
      return b;
    });
    const body = this.inFuncBody(() => this.expr(e.body, inner, { ctx, module: bc.module }));
    return { k: 'lambda', id: this.id(), span: e.span, ctx, params, ret: e.ret, body };
  }

  private call(e: A.ExprCall, scope: Scope, bc: BlockCtx): IExpr {
    const id = this.id();
    const span = e.span;
    const args = () => e.args.map((a) => this.expr(a, scope, bc));
    if (e.callee.kind === 'lambda') {
      return { id, span, k: 'callvalue', callee: this.lambda(e.callee.func, scope, bc), args: args() };
    }
    if (e.callee.kind === 'var') {
      const b = VARS.find(scope, e.callee.name);
      if (!b) throw this.err(`lambda \`$$${e.callee.name}\` does not exist in this scope`, e.span);
      if (b.k === 'bind') b.expr();
      const callee: IExpr = { id: this.id(), span: e.calleeSpan, k: 'ref', binding: b, name: e.callee.name };
      return { id, span, k: 'callvalue', callee, args: args() };
    }
    const name = e.callee.name;
    const entry = FUNCS.find(scope, name);
    if (!entry) throw this.err(`func \`${name}\` does not exist in this scope`, e.span);
    if (entry.k === 'builtin') return { id, span, k: 'call', def: entry.def, fullName: name, args: args(), module: bc.module };

    // A func statement: this call site gets its own copy of the body.
    const f = entry.stmt.func;
    const argExprs = args();
    const inner = new Scope(entry.scope);
    const params = f.params.map((p, i) => {
      const b: Binding & { k: 'arg' } = {
        k: 'arg',
        id: this.id(),
        name: p.name,
        ctx: bc.ctx,
        expr: argExprs[i] ?? { id: this.id(), span: e.span, k: 'const', value: '', type: T.str },
        type: p.type,
        span: p.span,
        via: 'call',
      };
      inner.vars.set(p.name, b);
      return b;
    });
    const body = this.inFuncBody(() => this.expr(f.body, inner, { ctx: bc.ctx, module: entry.module }));
    return { id, span, k: 'callfunc', name, params, ret: f.ret, body, args: argExprs };
  }
}

/** A constant's type: its form's (typeOfValue), with an empty list taken as []str. */
function typeOfConst(v: Value): Type {
  return typeOfValue(v) ?? (Array.isArray(v) ? T.list(v.length ? typeOfConst(v[0]) : T.str) : T.str);
}

function stmtShort(s: A.Stmt): string {
  switch (s.kind) {
    case 'res':
      return `res(${s.resKind})`;
    case 'edge':
      return 'edge';
    case 'include':
      return `include(${s.name})`;
    case 'if':
      return 'if( COND )';
    case 'for':
      return `for($${s.index}, $${s.value}) in EXPR`;
    case 'forkv':
      return `forkv($${s.key}, $${s.value}) in EXPR`;
    case 'panic':
      return 'panic';
    default:
      return s.kind;
  }
}

function dirOf(file: string): string {
  return file.slice(0, file.lastIndexOf('/') + 1) || '/';
}

/** Normalise a deploy path: collapse `//`, `./` and `../`. */
export function normalize(p: string): string {
  const trailing = p.endsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/') + (trailing && parts.length ? '/' : '');
}
