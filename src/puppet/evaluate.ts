// The evaluator: runs a parsed manifest the way Puppet's compiler does and
// produces a Catalog (Puppet types and parameters, containment, relationships).
// Built-in functions and EPP are in functions.ts; the catalog's finishing
// (defaults, relationship resolution, cycles) in catalog.ts.

import type { Attr, Param, PExpr, PProgram } from './ast.js';
import { Catalog, type Container } from './catalog.js';
import { evalError, unsupported, type PSpan } from './errors.js';
import { nearest } from '../lang/suggest.js';
import { callFunction } from './functions.js';
import { BUILTIN_TYPES, METAPARAMS, REFUSED_TYPES } from './types.js';
import { equals, matchesType, numValue, PDefault, PFloat, PHash, PRef, PType, refString, toStr, truthy, typeName, type PValue } from './values.js';

export class Scope {
  readonly vars = new Map<string, PValue>();
  /** Resource defaults declared in this scope, by type. */
  readonly defaults = new Map<string, Map<string, PValue>>();
  constructor(
    readonly parent: Scope | undefined,
    readonly container: Container,
    /** Where defaults are inherited from (Puppet's dynamic scoping of defaults). */
    readonly dynamicParent?: Scope,
  ) {}
  lookup(name: string): PValue | undefined {
    return this.vars.has(name) ? this.vars.get(name) : this.parent?.lookup(name);
  }
  defaultLayers(type: string): Map<string, PValue>[] {
    const out: Map<string, PValue>[] = [];
    for (let s: Scope | undefined = this; s; s = s.dynamicParent ?? s.parent) {
      const d = s.defaults.get(type);
      if (d) out.push(d);
    }
    return out;
  }
}

interface ClassDef {
  name: string;
  params: Param[];
  parent?: string;
  body: PExpr[];
  span: PSpan;
}

export interface EvalOptions {
  /** Facts in Facter's structure (`os.family`…). */
  facts: Record<string, unknown>;
  /** The node name (certname); defaults to the fqdn fact. */
  node?: string;
}

export class Evaluator {
  readonly catalog: Catalog;
  readonly top: Scope;
  private readonly classes = new Map<string, ClassDef>();
  private readonly defines = new Map<string, ClassDef>();
  private readonly classScopes = new Map<string, Scope>();
  private readonly pendingDefines: (() => void)[] = [];
  readonly stage: Container;
  readonly main: Container;

  constructor(
    readonly program: PProgram,
    opts: EvalOptions,
  ) {
    const node = opts.node ?? String((opts.facts.networking as Record<string, unknown> | undefined)?.fqdn ?? opts.facts.fqdn ?? 'localhost');
    this.catalog = new Catalog(node);
    this.stage = this.catalog.container('stage', 'main');
    this.main = this.catalog.container('class', 'main');
    this.stage.children.push(this.main);
    this.top = new Scope(undefined, this.main);
    const facts = fromJson(opts.facts) as PHash;
    for (const [k, v] of facts.entries()) this.top.vars.set(String(k), v);
    this.top.vars.set('facts', facts);
    this.top.vars.set('trusted', PHash.of([['certname', node], ['authenticated', 'local'], ['hostname', node.split('.')[0]], ['domain', node.split('.').slice(1).join('.')]]));
    this.top.vars.set('environment', 'production');
    this.top.vars.set('title', 'main');
    this.top.vars.set('name', 'main');
  }

  run(): Catalog {
    refuseOutOfSubset(this.program.body);
    // Definitions are hoisted: a class may be included before it is written.
    this.hoist(this.program.body);
    this.block(this.program.body, this.top);
    // Defined types are evaluated after the code that declares them, as Puppet does.
    while (this.pendingDefines.length) this.pendingDefines.shift()!();
    this.catalog.finish();
    return this.catalog;
  }

  private hoist(body: PExpr[]): void {
    for (const s of body) {
      if (s.k === 'classdef') {
        this.classes.set(s.name.toLowerCase(), { name: s.name.toLowerCase(), params: s.params, parent: s.parent, body: s.body, span: s.span });
        this.hoist(s.body);
      } else if (s.k === 'definedef') this.defines.set(s.name.toLowerCase(), { name: s.name.toLowerCase(), params: s.params, body: s.body, span: s.span });
    }
  }

  block(body: PExpr[], scope: Scope): PValue {
    let last: PValue = null;
    for (const s of body) last = this.eval(s, scope);
    return last;
  }

  // ------------------------------------------------------------ expressions

  eval(e: PExpr, scope: Scope): PValue {
    switch (e.k) {
      case 'str':
        return e.value;
      case 'dq':
        return e.parts.map((p) => (typeof p === 'string' ? p : toStr(this.eval(p, scope)))).join('');
      case 'num':
        return e.float ? new PFloat(e.value) : e.value;
      case 'bool':
        return e.value;
      case 'undef':
        return null;
      case 'default':
        return PDefault.it;
      case 'var':
        return this.variable(e.name, scope, e.span);
      case 'array':
        return e.elems.map((x) => this.eval(x, scope));
      case 'hash':
        return PHash.of(e.entries.map((x) => [this.eval(x.key, scope), this.eval(x.value, scope)]));
      case 'regex':
        return new RegExp(e.source);
      case 'name':
        return e.name;
      case 'type':
        return new PType(e.name);
      case 'access':
        return this.access(e, scope);
      case 'binary':
        return this.binary(e, scope);
      case 'not':
        return !truthy(this.eval(e.expr, scope));
      case 'neg': {
        const v = this.eval(e.expr, scope);
        if (v instanceof PFloat) return new PFloat(-v.value);
        if (typeof v !== 'number') throw evalError(`Operator '-' is not applicable to ${typeName(v)}`, e.span);
        return -v;
      }
      case 'call':
        return callFunction(this, e, scope);
      case 'selector': {
        const v = this.eval(e.subject, scope);
        for (const c of e.cases) if (this.caseMatches(c.match, v, scope)) return this.eval(c.value, scope);
        throw evalError(`Evaluation Error: No matching entry for selector parameter with value '${toStr(v)}'`, e.span);
      }
      case 'if':
      case 'unless': {
        const c = truthy(this.eval(e.cond, scope));
        if (c === (e.k === 'if')) return this.block(e.then, scope);
        return e.else ? this.block(e.else, scope) : null;
      }
      case 'case': {
        const v = this.eval(e.subject, scope);
        let fallback: PExpr[] | undefined;
        for (const c of e.cases) {
          for (const m of c.matches) {
            if (m.k === 'default') fallback = c.body;
            else if (this.caseMatches(m, v, scope)) return this.block(c.body, scope);
          }
        }
        return fallback ? this.block(fallback, scope) : null;
      }
      case 'assign': {
        const v = this.eval(e.value, scope);
        if (/^\d+$/.test(e.name) || e.name.includes('::')) throw evalError(`Illegal attempt to assign to '$${e.name}'`, e.span);
        if (scope.vars.has(e.name)) throw evalError(`Evaluation Error: Cannot reassign variable '$${e.name}'`, e.span);
        scope.vars.set(e.name, v);
        return v;
      }
      case 'resource':
        return this.resource(e, scope);
      case 'defaults': {
        const type = e.type.toLowerCase();
        const m = scope.defaults.get(type) ?? new Map<string, PValue>();
        for (const [k, v] of this.attrs(e.attrs, scope)) m.set(k, v);
        scope.defaults.set(type, m);
        return null;
      }
      case 'classdef':
      case 'definedef':
        return null;
      case 'collector':
      case 'refused':
        refuseOutOfSubset([e]);
        return null;
    }
  }

  variable(name: string, scope: Scope, span: PSpan): PValue {
    if (name.startsWith('::')) return this.top.vars.get(name.slice(2)) ?? null;
    const i = name.lastIndexOf('::');
    if (i > 0) {
      const cls = this.classScopes.get(name.slice(0, i).toLowerCase());
      if (!cls) {
        this.catalog.messages.push(`Warning: Could not look up qualified variable '$${name}'; class ${name.slice(0, i)} has not been evaluated ${span.file}:${span.line}`);
        return null;
      }
      return cls.vars.get(name.slice(i + 2)) ?? null;
    }
    return scope.lookup(name) ?? null;
  }

  /** `[a, b]` on an array/hash/string, a resource reference `File['x']`, or a parameterized type. */
  private access(e: PExpr & { k: 'access' }, scope: Scope): PValue {
    const obj = this.eval(e.obj, scope);
    const args = e.args.map((a) => this.eval(a, scope));
    if (obj instanceof PType) {
      const t = obj.name.toLowerCase();
      if (t === 'class' || t === 'resource' || BUILTIN_TYPES[t] || this.defines.has(t) || REFUSED_TYPES[t]) {
        let type = t;
        let titles = args;
        if (t === 'resource') {
          type = String(args[0]).toLowerCase();
          titles = args.slice(1);
        }
        const refs = titles.flat().map((x) => new PRef(type, type === 'class' ? String(x).toLowerCase().replace(/^::/, '') : toStr(x)));
        return refs.length === 1 ? refs[0] : refs;
      }
      return new PType(obj.name, args);
    }
    if (Array.isArray(obj)) {
      const i = args[0];
      if (typeof i !== 'number') throw evalError(`an Array is accessed with an Integer, got ${typeName(i)}`, e.span);
      if (args.length > 1 && typeof args[1] === 'number') return obj.slice(i < 0 ? obj.length + i : i, (i < 0 ? obj.length + i : i) + args[1]);
      return obj[i < 0 ? obj.length + i : i] ?? null;
    }
    if (obj instanceof PHash) return args.length === 1 ? (obj.get(args[0]) ?? null) : args.map((a) => obj.get(a) ?? null);
    if (typeof obj === 'string') {
      const i = Number(args[0]);
      const n = args.length > 1 ? Number(args[1]) : 1;
      const s = i < 0 ? obj.length + i : i;
      return obj.slice(s, s + n);
    }
    if (obj === null) throw evalError(`Evaluation Error: Operator '[]' is not applicable to an Undef Value.`, e.span);
    throw evalError(`Operator '[]' is not applicable to ${typeName(obj)}`, e.span);
  }

  private caseMatches(m: PExpr, v: PValue, scope: Scope): boolean {
    if (m.k === 'default') return true;
    const x = this.eval(m, scope);
    if (x instanceof RegExp) return typeof v === 'string' && this.match(x, v, scope);
    if (Array.isArray(x) && !Array.isArray(v)) return x.some((y) => equals(y, v));
    if (x instanceof PType) return matchesType(v, x);
    return equals(x, v);
  }

  /** A regex match that sets `$0`, `$1`… in the scope, as Puppet does. */
  private match(re: RegExp, s: string, scope: Scope): boolean {
    const m = re.exec(s);
    if (!m) return false;
    m.forEach((g, i) => scope.vars.set(String(i), g ?? null));
    return true;
  }

  private binary(e: PExpr & { k: 'binary' }, scope: Scope): PValue {
    const op = e.op;
    if (op === '->' || op === '~>' || op === '<-' || op === '<~') {
      const l = this.eval(e.left, scope);
      const r = this.eval(e.right, scope);
      const [from, to] = op[0] === '<' ? [r, l] : [l, r];
      for (const a of this.refs(from, e.left.span)) {
        for (const b of this.refs(to, e.right.span)) this.catalog.relationships.push({ from: a, to: b, notify: op.includes('~'), span: e.span });
      }
      return r;
    }
    if (op === 'and') return truthy(this.eval(e.left, scope)) && truthy(this.eval(e.right, scope));
    if (op === 'or') return truthy(this.eval(e.left, scope)) || truthy(this.eval(e.right, scope));
    const l = this.eval(e.left, scope);
    const r = this.eval(e.right, scope);
    switch (op) {
      case '==':
        return equals(l, r);
      case '!=':
        return !equals(l, r);
      case '=~':
      case '!~': {
        if (typeof l !== 'string') throw evalError(`Operator '${op}' expects a String left operand, got ${typeName(l)}`, e.span);
        const re = r instanceof RegExp ? r : typeof r === 'string' ? new RegExp(r) : undefined;
        if (r instanceof PType) return matchesType(l, r) === (op === '=~');
        if (!re) throw evalError(`Operator '${op}' expects a Regexp or String right operand, got ${typeName(r)}`, e.span);
        return op === '=~' ? this.match(re, l, scope) : !re.test(l);
      }
      case 'in':
        if (typeof r === 'string') return l instanceof RegExp ? l.test(r) : typeof l === 'string' && r.toLowerCase().includes(l.toLowerCase());
        if (Array.isArray(r)) return r.some((x) => (l instanceof RegExp ? typeof x === 'string' && l.test(x) : equals(l, x)));
        if (r instanceof PHash) return r.entries().some(([k]) => (l instanceof RegExp ? typeof k === 'string' && l.test(k) : equals(l, k)));
        return false;
      case '<':
      case '>':
      case '<=':
      case '>=': {
        let a: number | string;
        let b: number | string;
        const [x, y] = [numValue(l), numValue(r)];
        if (x !== undefined && y !== undefined) [a, b] = [x, y];
        else if (typeof l === 'string' && typeof r === 'string') [a, b] = [l.toLowerCase(), r.toLowerCase()];
        else throw evalError(`Comparison of: ${typeName(l)} ${op} ${typeName(r)}, is not possible`, e.span);
        return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
      }
      case '+':
        if (Array.isArray(l)) return [...l, ...(Array.isArray(r) ? r : [r])];
        if (l instanceof PHash && r instanceof PHash) return PHash.of([...l.entries(), ...r.entries()]);
        break;
      case '-':
        if (Array.isArray(l)) return l.filter((x) => !(Array.isArray(r) ? r : [r]).some((y) => equals(x, y)));
        if (l instanceof PHash) return PHash.of(l.entries().filter(([k]) => !(Array.isArray(r) ? r : r instanceof PHash ? r.entries().map(([x]) => x) : [r]).some((y) => equals(k, y))));
        break;
      case '<<':
        if (Array.isArray(l)) return [...l, r];
        break;
    }
    const na = num(l);
    const nb = num(r);
    if (na === undefined || nb === undefined) throw evalError(`Evaluation Error: Operator '${op}' is not applicable to ${typeName(na === undefined ? l : r)}`, e.span);
    const [a, b] = [na.value, nb.value];
    // Integers stay Integers (`7 / 2` is 3); one Float makes a Float.
    const ints = !na.float && !nb.float;
    const out = (x: number): PValue => (ints ? x : new PFloat(x));
    switch (op) {
      case '+':
        return out(a + b);
      case '-':
        return out(a - b);
      case '*':
        return out(a * b);
      case '/':
        if (b === 0) throw evalError('Division by 0', e.span);
        return ints ? Math.trunc(a / b) : out(a / b);
      case '%':
        return out(a % b);
      case '<<':
        return a << b;
      case '>>':
        return a >> b;
    }
    throw evalError(`unknown operator ${op}`, e.span);
  }

  /** The references a relationship operand stands for (declarations evaluate to their references). */
  private refs(v: PValue, span: PSpan): PRef[] {
    if (v instanceof PRef) return [v];
    if (Array.isArray(v)) return v.flatMap((x) => this.refs(x, span));
    throw evalError(`Evaluation Error: A relationship operand must be a resource reference or declaration, got ${typeName(v)}`, span);
  }

  // ------------------------------------------------------------ resources

  attrs(attrs: Attr[], scope: Scope): Map<string, PValue> {
    const out = new Map<string, PValue>();
    for (const a of attrs) {
      const v = this.eval(a.value, scope);
      if (a.name === '*') {
        if (!(v instanceof PHash)) throw evalError(`'* =>' expects a Hash, got ${typeName(v)}`, a.span);
        for (const [k, x] of v.entries()) out.set(String(k), x);
        continue;
      }
      if (out.has(a.name)) throw evalError(`Evaluation Error: The attribute '${a.name}' has already been set`, a.span);
      out.set(a.name, v);
    }
    return out;
  }

  private resource(e: PExpr & { k: 'resource' }, scope: Scope): PValue {
    if (e.form !== 'regular') refuseOutOfSubset([e]);
    const type = e.type.toLowerCase();
    if (REFUSED_TYPES[type]) throw unsupported(REFUSED_TYPES[type], e.typeSpan);
    const out: PRef[] = [];
    for (const body of e.bodies) {
      const tv = this.eval(body.title, scope);
      const titles = (Array.isArray(tv) ? tv.flat(Infinity as 1) : [tv]) as PValue[];
      const params = this.attrs(body.attrs, scope);
      // Errors about one attribute point at it, not at the whole resource.
      const spans = new Map(body.attrs.filter((a) => a.name !== '*').map((a) => [a.name, a.span]));
      if (params.has('stage')) throw unsupported('run stages (the `stage` metaparameter) are outside the subset', body.span);
      for (const t of titles) {
        if (t === null || t === '') throw evalError('Missing title. The title expression resulted in undef', body.span);
        const title = toStr(t);
        if (type === 'class') {
          this.declareClass(title, params, scope, body.span, 'resource', spans);
          out.push(new PRef('class', title.toLowerCase().replace(/^::/, '')));
        } else if (this.defines.has(type)) {
          out.push(this.declareDefine(type, title, new Map(params), scope, body.span, spans));
        } else if (BUILTIN_TYPES[type]) {
          const allowed = BUILTIN_TYPES[type];
          for (const k of params.keys()) {
            if (!allowed.includes(k) && !METAPARAMS.includes(k)) throw evalError(`Evaluation Error: no parameter named '${k}' for ${refString(type, title)}`, spans.get(k) ?? body.span, nearest(k, allowed));
          }
          this.catalog.add({ type, title, params: new Map(params), span: body.span, attrSpans: spans, container: scope.container, defaults: scope.defaultLayers(type) });
          out.push(new PRef(type, title));
        } else {
          throw evalError(`Evaluation Error: Resource type not found: ${refString(type, '').slice(0, -2)}`, e.typeSpan);
        }
      }
    }
    return out.length === 1 ? out[0] : out;
  }

  /** `include`/`require`/`contain`/`class {}`: evaluates a class once; a second resource-like declaration is an error. */
  declareClass(nameIn: string, params: Map<string, PValue> | undefined, scope: Scope, span: PSpan, how: 'include' | 'resource', spans?: Map<string, PSpan>): Container {
    const name = nameIn.toLowerCase().replace(/^::/, '');
    const def = this.classes.get(name);
    if (!def) throw evalError(`Evaluation Error: Could not find class ::${name} for ${this.catalog.node}`, span);
    const key = `class[${name}]`;
    const have = this.catalog.containers.get(key);
    if (have) {
      if (how === 'resource') throw evalError(`Evaluation Error: Duplicate declaration: Class[${refString('class', name).slice(6, -1)}] is already declared; cannot redeclare`, span);
      return have;
    }
    const c = this.catalog.container('class', name, span);
    this.stage.children.push(c);
    let parentScope = this.top;
    if (def.parent) {
      this.declareClass(def.parent, undefined, scope, span, 'include');
      parentScope = this.classScopes.get(def.parent.toLowerCase())!;
    }
    const cs = new Scope(parentScope, c, scope);
    this.classScopes.set(name, cs);
    const meta = new Map<string, PValue>();
    for (const [k, v] of params ?? []) if (METAPARAMS.includes(k)) meta.set(k, v);
    this.relationsFromMeta(new PRef('class', name), meta, span);
    const own = new Map([...(params ?? [])].filter(([k]) => !METAPARAMS.includes(k)));
    cs.vars.set('title', name);
    cs.vars.set('name', name);
    this.bindParams(def, refString('class', name), own, cs, span, spans);
    this.block(def.body, cs);
    return c;
  }

  private declareDefine(type: string, title: string, params: Map<string, PValue>, scope: Scope, span: PSpan, spans?: Map<string, PSpan>): PRef {
    const def = this.defines.get(type)!;
    const key = `${type}[${title}]`;
    if (this.catalog.containers.has(key)) {
      throw evalError(`Evaluation Error: Error while evaluating a Resource Statement, Duplicate declaration: ${refString(type, title)} is already declared; cannot redeclare`, span);
    }
    const c = this.catalog.container(type, title, span);
    scope.container.children.push(c);
    const ref = new PRef(type, title);
    const meta = new Map<string, PValue>();
    for (const [k, v] of params) if (METAPARAMS.includes(k)) meta.set(k, v);
    for (const k of meta.keys()) params.delete(k);
    this.relationsFromMeta(ref, meta, span);
    const ds = new Scope(this.top, c, scope);
    // Defaults declared for the define's type apply to its parameters too.
    for (const layer of scope.defaultLayers(type)) for (const [k, v] of layer) if (!params.has(k) && !METAPARAMS.includes(k)) params.set(k, v);
    this.pendingDefines.push(() => {
      ds.vars.set('title', title);
      ds.vars.set('name', typeof params.get('name') === 'string' ? (params.get('name') as string) : title);
      params.delete('name');
      this.bindParams(def, refString(type, title), params, ds, span, spans);
      this.block(def.body, ds);
    });
    return ref;
  }

  private relationsFromMeta(self: PRef, meta: Map<string, PValue>, span: PSpan): void {
    for (const p of ['require', 'before', 'notify', 'subscribe']) {
      const v = meta.get(p);
      if (v === undefined || v === null) continue;
      for (const ref of this.refs(v, span)) {
        const forward = p === 'before' || p === 'notify';
        this.catalog.relationships.push({ from: forward ? self : ref, to: forward ? ref : self, notify: p === 'notify' || p === 'subscribe', span, param: p, owner: self });
      }
    }
  }

  /** Binds declared parameters: given value, else default (evaluated in the new scope), typed. */
  private bindParams(def: ClassDef, what: string, given: Map<string, PValue>, s: Scope, span: PSpan, spans?: Map<string, PSpan>): void {
    const names = new Set(def.params.map((p) => p.name));
    for (const k of given.keys()) if (!names.has(k)) throw evalError(`Evaluation Error: ${what}: has no parameter named '${k}'`, spans?.get(k) ?? span, nearest(k, names));
    for (const p of def.params) {
      let v: PValue;
      if (given.has(p.name)) v = given.get(p.name)!;
      else if (p.default) {
        if (p.name === 'title' || p.name === 'name') continue;
        v = this.eval(p.default, s);
      } else {
        throw evalError(`Evaluation Error: ${what}: expects a value for parameter '${p.name}'`, span);
      }
      if (p.type) {
        const t = this.eval(p.type, s);
        if (t instanceof PType && !matchesType(v, t)) {
          throw evalError(`Evaluation Error: ${what}: parameter '${p.name}' expects ${article(toStr(t))} value, got ${typeName(v)}`, spans?.get(p.name) ?? span);
        }
      }
      s.vars.set(p.name, v);
    }
  }
}

const article = (t: string): string => (/^[AEIOU]/.test(t) ? `an ${t}` : `a ${t}`);

/** An operand of arithmetic: a number, or a string that reads as one (`'1.5' + 1` is 2.5). */
function num(v: PValue): { value: number; float: boolean } | undefined {
  if (typeof v === 'number') return { value: v, float: false };
  if (v instanceof PFloat) return { value: v.value, float: true };
  if (typeof v === 'string' && /^-?(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)$/.test(v.trim())) {
    const s = v.trim();
    return { value: Number(s), float: /[.eE]/.test(s) && !/^-?0[xX]/.test(s) };
  }
  return undefined;
}

/** Facts (plain JSON) as Puppet values. */
export function fromJson(v: unknown): PValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? v : new PFloat(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(fromJson);
  return PHash.of(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromJson(x)]));
}

/** Constructs outside the subset, refused before anything is evaluated. */
export function refuseOutOfSubset(body: PExpr[]): void {
  const walk = (e: unknown): void => {
    if (!e || typeof e !== 'object') return;
    if (Array.isArray(e)) return e.forEach(walk);
    const n = e as PExpr;
    if (n.k === 'resource' && n.form === 'exported') throw unsupported(`exported resources (\`@@${n.type}\`) are outside the subset: they need storeconfigs/PuppetDB`, n.span);
    if (n.k === 'resource' && n.form === 'virtual') throw unsupported(`virtual resources (\`@${n.type}\`) and realize are outside the subset`, n.span);
    if (n.k === 'collector') throw unsupported(`resource collectors (\`${n.type} ${n.exported ? '<<| |>>' : '<| |>'}\`) are outside the subset`, n.span);
    if (n.k === 'refused') throw unsupported(n.what, n.span);
    if (n.k === 'call' && n.name === 'realize') throw unsupported('virtual resources (`@type`) and realize are outside the subset', n.span);
    for (const [k, v] of Object.entries(n)) if (k !== 'span' && k !== 'nameSpan' && k !== 'typeSpan') walk(v);
  };
  walk(body);
}
