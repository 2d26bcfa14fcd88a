// Unify stage: type inference over the scoped program. Walks everything that
// produces output (unused binds and funcs are never visited), gives each node
// a type term, solves the constraints, then runs the builtins' own checks.
// The answers are side tables: node → type, call → solved function type.

import { LangError } from '../errors.js';
import type { Span } from '../errors.js';
import type { FuncType } from '../funcs/registry.js';
import { InferError } from '../funcs/registry.js';
import type { Binding, IEdgeHalf, IExpr, IResItem, IStmt, ScopedProgram } from '../ir.js';
import { getKind } from '../../resources/index.js';
import { goKindOf } from '../../resources/common.js';
import { META_FIELDS, metaStructType } from '../../resources/meta.js';
import { isConcrete, isHashable, parseType, T, typeCmp, typeString } from './type.js';
import type { Type } from './type.js';
import { Unifier, UnifyError } from './unify.js';
import { describeExpr, speculativeType, staticValue, typeOfValue } from './speculate.js';
import type { Value } from './value.js';

export interface Typing {
  /** The solved type of every visited expression. */
  types: Map<IExpr, Type>;
  /** The solved type of every builtin call site. */
  calls: Map<IExpr, FuncType>;
  /** Resource statements whose name is a list of names. */
  listNames: Set<IExpr>;
  /** Literals whose values the types depend on (printf formats and the like). */
  valueReads: Set<IExpr>;
}

/**
 * A constraint that waits for more type information. When nothing else can
 * progress, the fallback with the lowest `rank` runs: custom inference first
 * (printf and friends learn the most from their static arguments), then
 * lookups, then an overload set's default choice.
 */
type Deferred = { node: IExpr; retry: () => boolean; fallback?: () => void; rank?: number };

const sigCache = new Map<string, Type>();
function signature(sig: string): Type {
  let t = sigCache.get(sig);
  if (!t) {
    t = parseType(sig);
    sigCache.set(sig, t);
  }
  return t;
}

const NUMERIC = ['int', 'float'];

export class TypeChecker {
  readonly u = new Unifier();
  private readonly types = new Map<IExpr, Type>();
  private readonly bindings = new Map<Binding, Type>();
  private readonly calls = new Map<IExpr, FuncType>();
  private readonly listNames = new Set<IExpr>();
  private readonly valueReads = new Set<IExpr>();
  private deferred: Deferred[] = [];
  /** Checks that run once all types are solved: (node, message-or-undefined). */
  private readonly post: { node: IExpr; check: () => string | undefined }[] = [];

  check(prog: ScopedProgram): Typing {
    for (const s of prog.stmts) this.stmt(s);
    this.solveDeferred();
    for (const p of this.post) {
      const msg = p.check();
      if (msg) throw new LangError('errUnify', msg, p.node.span);
    }
    const types = new Map<IExpr, Type>();
    for (const [node, t] of this.types) {
      const z = this.u.zonk(t);
      if (!isConcrete(z) && node.k !== 'lambda') {
        throw new LangError('errUnify', `expr: ${describeExpr(node)} is ambiguous: ${typeString(z)}`, node.span);
      }
      types.set(node, z);
    }
    const calls = new Map<IExpr, FuncType>();
    for (const [node, t] of this.calls) calls.set(node, this.u.zonkFunc(t));
    return { types, calls, listNames: this.listNames, valueReads: this.valueReads };
  }

  // ------------------------------------------------------------ helpers

  private unify(expected: Type, actual: Type, span: Span): void {
    try {
      this.u.unify(expected, actual);
    } catch (e) {
      if (e instanceof UnifyError) throw new LangError('errUnify', e.message, span);
      throw e;
    }
  }

  private solveDeferred(): void {
    // Custom inference (rank 0) never progresses on retry and, in arrival
    // order, always goes first when stuck: a queue of its own gives the same
    // order without re-scanning every pending printf after each one (which
    // made programs with many printf calls quadratic).
    const infer: Deferred[] = [];
    let next = 0;
    for (;;) {
      let progress = false;
      const pending = this.deferred;
      this.deferred = [];
      for (const d of pending) {
        if (d.rank === 0) infer.push(d);
        else if (d.retry()) progress = true;
        else this.deferred.push(d);
      }
      if (this.deferred.length === 0 && next === infer.length) return;
      if (progress) continue;
      if (next < infer.length) {
        infer[next++].fallback!();
        continue;
      }
      // Stuck: let the most informative item take its default choice and go on.
      let best = -1;
      this.deferred.forEach((d, i) => {
        if (d.fallback && (best < 0 || (d.rank ?? 1) < (this.deferred[best].rank ?? 1))) best = i;
      });
      if (best < 0) return;
      const [d] = this.deferred.splice(best, 1);
      d.fallback!();
    }
  }

  // ------------------------------------------------------------ statements

  private stmt(s: IStmt): void {
    switch (s.k) {
      case 'res':
        return this.res(s);
      case 'edge':
        return this.edge(s);
      case 'if':
        this.unify(T.bool, this.expr(s.cond), s.cond.span);
        for (const x of s.then) this.stmt(x);
        for (const x of s.else) this.stmt(x);
        return;
      case 'for': {
        const v = this.binding(s.value);
        this.unify(T.int, this.binding(s.index), s.index.span);
        this.unify(T.list(v), this.expr(s.expr), s.expr.span);
        for (const x of s.body) this.stmt(x);
        return;
      }
      case 'forkv': {
        const t = T.map(this.binding(s.key), this.binding(s.value));
        this.unify(t, this.expr(s.expr), s.expr.span);
        for (const x of s.body) this.stmt(x);
        return;
      }
    }
  }

  /** A resource or edge-half name: one `str`, or a `[]str` of names (§7.1). */
  private resName(name: IExpr): void {
    const t = this.expr(name);
    const spec = speculativeType(name);
    if (spec?.k === 'str') this.unify(T.str, t, name.span);
    else {
      this.listNames.add(name);
      this.unify(T.list(T.str), t, name.span);
    }
  }

  private res(s: IStmt & { k: 'res' }): void {
    const kind = getKind(s.resKind);
    const hasParams = s.items.some((it) => it.k === 'field');
    if (!kind && hasParams) throw new LangError('errUnify', `no resource kind \`${s.resKind}\` available`, s.kindSpan);
    if (s.collect) this.collectName(s.name);
    else this.resName(s.name);
    if (s.source) this.expr(s.source);
    for (const it of s.items) this.resItem(s.resKind, it);
  }

  /** A collect name: a `str`, a `[]str` (any host), or a `[]struct{name str; host str}` (§7.8). */
  private collectName(name: IExpr): void {
    const t = this.expr(name);
    if (speculativeType(name)?.k === 'str') return this.unify(T.str, t, name.span);
    this.listNames.add(name);
    const elem = this.u.fresh();
    this.unify(T.list(elem), t, name.span);
    const hosted = T.struct([
      { name: 'name', type: T.str },
      { name: 'host', type: T.str },
    ]);
    const attempt = (): boolean => {
      const el = this.u.find(elem);
      if (el.k === 'var') return false;
      this.unify(el.k === 'struct' ? hosted : T.str, el, name.span);
      return true;
    };
    if (!attempt()) this.deferred.push({ node: name, retry: attempt, fallback: () => this.unify(T.str, elem, name.span) });
  }

  private resItem(resKind: string, it: IResItem): void {
    if (it.cond) this.unify(T.bool, this.expr(it.cond), it.cond.span);
    switch (it.k) {
      case 'field': {
        const kind = getKind(resKind);
        const p = kind?.params.find((x) => x.name === it.name);
        if (!kind || !p) throw new LangError('errUnify', `field \`${it.name}\` does not exist in \`${resKind}\` resource`, it.span);
        const t = this.expr(it.value);
        if (p.type !== 'variant') this.unify(signature(p.type), t, it.span);
        return;
      }
      case 'meta': {
        const t = this.expr(it.value);
        const field = META_FIELDS.find((f) => f.name === it.property);
        const want = it.property === undefined ? signature(metaStructType) : field && signature(field.type);
        if (want) this.unify(want, t, it.span);
        return;
      }
      case 'edgeprop':
        return this.resName(it.half.name);
    }
  }

  private edge(s: IStmt & { k: 'edge' }): void {
    if (s.halves.length < 2) throw new LangError('errUnify', "can't create an edge with only one half", s.span);
    for (const h of s.halves) this.resName(h.name);
    const [a, b] = s.halves;
    if (a.field !== undefined || b.field !== undefined) this.sendRecv(a, b, s.span);
  }

  private sendRecv(a: IEdgeHalf, b: IEdgeHalf, span: Span): void {
    const from = getKind(a.resKind);
    const to = getKind(b.resKind);
    const label = (h: IEdgeHalf) => {
      const v = staticValue(h.name, 0, this.valueReads);
      if (typeof v === 'string') return `${h.resKind}[${v}]`;
      if (Array.isArray(v)) return `${h.resKind}[[${v.map((x) => JSON.stringify(x)).join(', ')}]]`;
      return h.resKind;
    };
    if (!from?.sends?.length) throw new LangError('errUnify', `cannot send from resource of kind: ${a.resKind}`, span);
    if (!to?.recv) throw new LangError('errUnify', `cannot recv to resource of kind: ${b.resKind}`, span);
    const what = `cannot send/recv from ${label(a)}.${a.field} to ${label(b)}.${b.field}`;
    const send = from.sends.find((x) => x.key === a.field);
    if (!send) throw new LangError('errUnify', `${what}: key not found in send struct`, span);
    const recv = to.params.find((x) => x.name === b.field);
    if (!recv) throw new LangError('errUnify', `${what}: key not found in recv struct`, span);
    const rk = goKindOf(recv);
    const sk = send.goKind;
    const loose = ['ptr', 'interface'];
    if (!loose.includes(rk) && !loose.includes(sk) && rk !== sk) {
      throw new LangError('errUnify', `${what}: field kind mismatch between ${sk} and ${rk}`, span);
    }
  }

  // ------------------------------------------------------------ expressions

  binding(b: Binding): Type {
    let t = this.bindings.get(b);
    if (t) return t;
    switch (b.k) {
      case 'const':
        t = b.type;
        this.bindings.set(b, t);
        return t;
      case 'param':
        t = b.type ?? this.u.fresh();
        this.bindings.set(b, t);
        return t;
      case 'bind':
      case 'arg': {
        const v = this.u.fresh();
        this.bindings.set(b, v);
        const e = b.k === 'bind' ? b.expr() : b.expr;
        const et = this.expr(e);
        if (b.type) this.unify(b.type, et, b.k === 'arg' ? b.span : e.span);
        this.unify(v, et, e.span);
        return v;
      }
    }
  }

  expr(e: IExpr): Type {
    const have = this.types.get(e);
    if (have) return have;
    const t = this.exprUncached(e);
    this.types.set(e, t);
    return t;
  }

  private exprUncached(e: IExpr): Type {
    switch (e.k) {
      case 'const':
        return e.type;
      case 'interp': {
        // upstream makes "${x}" the variable itself, set to str: whoever uses
        // it expects a str (`str != list`). Parts of a longer string are
        // arguments of its concatenation, which names their type first.
        const parts = e.parts.filter((p): p is IExpr => typeof p !== 'string');
        if (parts.length === 1 && e.parts.length === 1) this.unify(T.str, this.expr(parts[0]), e.span);
        else for (const p of parts) this.unify(this.expr(p), T.str, e.span);
        return T.str;
      }
      case 'list': {
        const el = this.u.fresh();
        for (const x of e.elems) this.unify(el, this.expr(x), x.span);
        return T.list(el);
      }
      case 'map': {
        const k = this.u.fresh();
        const v = this.u.fresh();
        for (const x of e.entries) {
          this.unify(k, this.expr(x.key), x.key.span);
          this.unify(v, this.expr(x.value), x.value.span);
        }
        // Init catches keys whose type shows in the syntax; the rest once solved (upstream's SetType).
        this.post.push({
          node: e,
          check: () => {
            const key = this.u.zonk(k);
            if (!isConcrete(key) || isHashable(key)) return undefined;
            return `error setting type: ${describeExpr(e)}, error: map key type ${typeString(key)} is not hashable`;
          },
        });
        return T.map(k, v);
      }
      case 'struct':
        return T.struct(e.fields.map((f) => ({ name: f.name, type: this.expr(f.value) })));
      case 'lambda': {
        const args = e.params.map((p) => ({ name: p.name, type: this.binding(p) }));
        const ret = this.expr(e.body);
        if (e.ret) this.unify(e.ret, ret, e.span);
        return T.func(args, ret);
      }
      case 'ref':
        return this.binding(e.binding);
      case 'call':
        return this.builtinCall(e);
      case 'callfunc': {
        const ret = this.expr(e.body);
        for (const p of e.params) this.binding(p);
        if (e.args.length !== e.params.length) throw new LangError('errUnify', 'func arg count differs', e.span);
        if (e.ret) this.unify(e.ret, ret, e.span);
        return ret;
      }
      case 'callvalue': {
        // Arguments before the callee: a clash inside an argument (an inline
        // lambda passed to a lambda) is found there first, as upstream does.
        const args = e.args.map((a) => ({ type: this.expr(a) }));
        const callee = this.expr(e.callee);
        const ret = this.u.fresh();
        const found = this.u.find(callee);
        if (found.k !== 'var' && found.k !== 'func') {
          throw new LangError('errUnify', `type error: func != ${found.k}`, e.callee.k === 'ref' && e.callee.binding.k !== 'const' ? e.callee.binding.span : e.span);
        }
        this.unify(callee, T.func(args, ret), calleeBlame(e.callee) ?? e.span);
        return ret;
      }
      case 'if': {
        this.unify(T.bool, this.expr(e.cond), e.cond.span);
        const t = this.expr(e.then);
        this.unify(t, this.expr(e.else), e.span);
        return t;
      }
      case 'op':
        return this.op(e);
      case 'index':
        return this.index(e);
      case 'field':
        return this.field(e);
      case 'except': {
        const t = this.expr(e.left);
        this.unify(t, this.expr(e.right), e.span);
        return t;
      }
    }
  }

  private op(e: IExpr & { k: 'op' }): Type {
    const args = e.args.map((a) => this.expr(a));
    const allowed = (t: Type, kinds: string[], what: string) =>
      this.post.push({
        node: e,
        check: () => {
          const z = this.u.zonk(t);
          return z.k !== 'var' && !kinds.includes(z.k) ? `type error: ${what}: unsupported kind: ${z.k}` : undefined;
        },
      });
    switch (e.op) {
      case 'not':
        this.unify(T.bool, args[0], e.span);
        return T.bool;
      case 'and':
      case 'or':
        this.unify(T.bool, args[0], e.span);
        this.unify(T.bool, args[1], e.span);
        return T.bool;
      case 'in':
        this.unify(T.list(args[0]), args[1], e.span);
        return T.bool;
      case '==':
      case '!=':
        this.unify(args[0], args[1], e.span);
        allowed(args[0], ['bool', 'str', 'int', 'float', 'list', 'map', 'struct'], e.op);
        return T.bool;
      case '<':
      case '>':
      case '<=':
      case '>=':
        this.unify(args[0], args[1], e.span);
        allowed(args[0], NUMERIC, e.op);
        return T.bool;
      case '+':
        this.unify(args[0], args[1], e.span);
        allowed(args[0], ['str', ...NUMERIC], e.op);
        return args[0];
      case '-':
      case '*':
        this.unify(args[0], args[1], e.span);
        allowed(args[0], NUMERIC, e.op);
        return args[0];
      case '/':
        this.unify(args[0], args[1], e.span);
        allowed(args[0], NUMERIC, e.op);
        return T.float;
    }
  }

  private index(e: IExpr & { k: 'index' }): Type {
    const obj = this.expr(e.obj);
    const idx = this.expr(e.index);
    const ret = this.u.fresh();
    const attempt = (): boolean => {
      const o = this.u.find(obj);
      const i = this.u.find(idx);
      if (o.k === 'list') {
        this.unify(T.int, idx, e.index.span);
        this.unify(o.elem, ret, e.span);
        return true;
      }
      if (o.k === 'map' || (o.k === 'var' && i.k !== 'var' && i.k !== 'int')) {
        this.unify(T.map(idx, ret), obj, e.span);
        return true;
      }
      if (o.k !== 'var') throw new LangError('errUnify', `type error: list != ${o.k}`, e.obj.span);
      return false;
    };
    if (!attempt()) {
      this.deferred.push({
        node: e,
        retry: attempt,
        fallback: () => {
          this.unify(T.list(ret), obj, e.span);
          this.unify(T.int, idx, e.index.span);
        },
      });
    }
    return ret;
  }

  /**
   * `$st->f` and `$st->f <|> d`, upstream's `_struct_lookup(_optional)`. The
   * field's type is the result's only when the struct's type is known before
   * unification (as upstream's lookup learns it), or later when it agrees.
   * Everything else is checked once all is solved, with upstream's "error
   * setting type" texts: not a struct, no such field, a field of another type.
   */
  private field(e: IExpr & { k: 'field' }): Type {
    const obj = this.expr(e.obj);
    const ret = this.u.fresh();
    const def = e.def ? this.expr(e.def) : undefined;
    if (def) this.unify(ret, def, e.span);
    const known = speculativeType(e.obj, 0, true);
    const fieldOf = (o: Type) => (o.k === 'struct' ? o.fields.find((x) => x.name === e.field) : undefined);
    const link = (o: Type, always: boolean): boolean => {
      const f = fieldOf(o);
      if (f && (always || this.u.compatible(f.type, ret))) this.unify(f.type, ret, e.span);
      return true;
    };
    if (known?.k === 'struct') link(known, true);
    else {
      // After the walk, so that what the program says of the result comes first.
      this.deferred.push({
        node: e,
        retry: () => {
          const o = this.u.find(obj);
          return o.k !== 'var' && link(o, false);
        },
      });
    }
    this.post.push({
      node: e,
      check: () => {
        const error = (msg: string) => `error setting type: func() { <built-in:${e.def ? '_struct_lookup_optional' : '_struct_lookup'}> }, error: ${msg}`;
        const o = this.u.zonk(obj);
        if (o.k === 'var') return undefined; // ambiguous: said later
        if (o.k !== 'struct') return error(`first arg must be of kind struct, got: ${o.k}`);
        const f = fieldOf(o);
        if (!f) return e.def ? undefined : error(`field ${e.field} was not found in struct`);
        const diff = typeCmp(this.u.zonk(ret), f.type);
        if (!diff) return undefined;
        return error(e.def ? `non-optional arg must match return type: ${diff}` : `field ${e.field} type error: ${diff}`);
      },
    });
    return ret;
  }

  /**
   * What upstream's inferable functions are told before unification: each
   * argument's speculative type and static value. The two must agree (an
   * annotation can contradict a value), and a function whose inference fails
   * only on such facts (printf) runs on them at once, as upstream's does: its
   * error comes before any unification error.
   */
  private partialFacts(e: IExpr & { k: 'call' }): void {
    const facts = e.args.map((a) => ({ spec: speculativeType(a), value: staticValue(a, 0, this.valueReads) as Value | undefined }));
    facts.forEach((f, i) => {
      const vt = f.value === undefined ? undefined : typeOfValue(f.value);
      if (!f.spec || !vt || !typeCmp(f.spec, vt)) return;
      throw new LangError(
        'errUnify',
        `type/value inconsistent at arg #${i} for func \`${e.fullName}\`: ${typeString(f.spec)} != ${typeString(vt)}`,
        e.args[i].span,
      );
    });
    if (!e.def.inferEarly) return;
    try {
      const args = facts.map((f) => ({ type: f.spec ?? (f.value === undefined ? undefined : typeOfValue(f.value)) ?? this.u.fresh(), value: f.value, spec: f.spec }));
      e.def.infer!(args, () => this.u.fresh());
    } catch (err) {
      if (err instanceof InferError) throw new LangError('errUnify', `func \`${e.def.name}\` infer error: ${err.message}`, e.span);
      throw err;
    }
  }

  private builtinCall(e: IExpr & { k: 'call' }): Type {
    const def = e.def;
    if (def.infer) this.partialFacts(e);
    const args = e.args.map((a) => this.expr(a));
    const ret = this.u.fresh();
    const shortName = def.name;
    const commit = (ft: FuncType) => {
      if (ft.args.length !== args.length) {
        if (args.length > ft.args.length) {
          throw new LangError(
            'errUnify',
            `error getting arg name #${ft.args.length} for func \`${e.fullName}\`: index ${ft.args.length} exceeds arg length of ${ft.args.length}`,
            e.span,
          );
        }
        throw new LangError('errUnify', `func \`${e.fullName}\` expects ${ft.args.length} args but got ${args.length}`, e.span);
      }
      ft.args.forEach((a, i) => this.unify(a.type, args[i], e.args[i].span));
      this.unify(ft.ret, ret, e.span);
      this.calls.set(e, ft);
      if (def.check) {
        this.post.push({ node: e, check: () => def.check!(this.u.zonkFunc(ft)) });
      }
    };

    if (def.infer) {
      const run = (): boolean => {
        const inferArgs = e.args.map((a, i) => ({
          type: this.u.zonk(args[i]),
          value: staticValue(a, 0, this.valueReads) as Value | undefined,
          spec: speculativeType(a),
        }));
        let ft: FuncType;
        try {
          ft = def.infer!(inferArgs, () => this.u.fresh());
        } catch (err) {
          if (err instanceof InferError) throw new LangError('errUnify', `func \`${shortName}\` infer error: ${err.message}`, e.span);
          throw err;
        }
        commit(ft);
        return true;
      };
      // Infer once the arguments are as known as they will get.
      this.deferred.push({ node: e, retry: () => false, fallback: run, rank: 0 });
      return ret;
    }

    const sigs = (Array.isArray(def.sig) ? def.sig : [def.sig ?? 'func() str']).map((s) => this.u.instantiate(signature(s)) as FuncType);
    if (sigs.length === 1) {
      commit(sigs[0]);
      return ret;
    }
    const pick = (final: boolean): boolean => {
      const fits = sigs.filter((s) => s.args.length === args.length && this.u.compatible(T.func(args.map((type) => ({ type })), ret), s));
      if (fits.length === 1 || (final && fits.length > 0)) {
        commit(fits[0]);
        return true;
      }
      if (fits.length === 0) {
        const sameArity = sigs.find((s) => s.args.length === args.length) ?? sigs[0];
        commit(sameArity); // throws the unification error users need to see
        return true;
      }
      return false;
    };
    if (!pick(false)) this.deferred.push({ node: e, retry: () => pick(false), fallback: () => pick(true), rank: 2 });
    return ret;
  }
}

/** Unify stage entry point. */
export function unify(prog: ScopedProgram): Typing {
  return new TypeChecker().check(prog);
}

/**
 * Where a clash at a call of a function value is blamed: upstream names the
 * function's definition (the lambda, or the parameter holding it), since a
 * lambda has one type for all its calls.
 */
function calleeBlame(callee: IExpr): Span | undefined {
  if (callee.k === 'lambda') return callee.span;
  if (callee.k !== 'ref') return undefined;
  const b = callee.binding;
  if (b.k === 'param') return b.span;
  // A class parameter is blamed on the argument given to the include.
  if (b.k === 'arg') return b.via === 'include' ? b.expr.span : b.span;
  if (b.k === 'bind') {
    const def = b.expr();
    return def.k === 'lambda' ? def.span : undefined;
  }
  return undefined;
}
