// Puppet's built-in functions that the subset supports, and inline_epp.
// A Puppet function we do not have is refused by name (unsupported); a name
// Puppet does not know either is Puppet's "Unknown function" error.

import type { Lambda, PExpr } from './ast.js';
import { evalError, unsupported, type PSpan } from './errors.js';
import type { Evaluator, Scope } from './evaluate.js';
import { parseManifest } from './parser.js';
import { equals, matchesType, PFloat, PHash, PRef, PType, toStr, truthy, typeName, type PValue } from './values.js';

type Call = PExpr & { k: 'call' };

/** Puppet functions that exist but are outside the subset. */
const KNOWN_UNSUPPORTED = new Set([
  'lookup', 'hiera', 'hiera_array', 'hiera_hash', 'hiera_include', 'template', 'epp', 'file', 'generate', 'create_resources',
  'tagged', 'defined_with_params', 'ensure_resource', 'ensure_packages', 'find_file', 'inline_template', 'puppetdb_query', 'run_task', 'run_plan',
  'Deferred', 'binary_file', 'new', 'type', 'dig', 'then', 'lest', 'tree_each', 'step', 'slice', 'match', 'assert_type',
]);

export function callFunction(ev: Evaluator, e: Call, scope: Scope): PValue {
  const name = e.name;
  const span = e.span;
  const args = () => e.args.map((a) => ev.eval(a, scope));
  if (name.startsWith('__epp_') && eppBuiltin(name, ev.eval(e.args[0], scope), span)) return null;
  switch (name) {
    case 'include':
    case 'contain':
    case 'require': {
      for (const v of args().flat(Infinity as 1) as PValue[]) {
        const cname = v instanceof PRef ? v.title : toStr(v);
        const c = ev.declareClass(cname, undefined, scope, span, 'include');
        if (name === 'contain' && !scope.container.children.includes(c)) scope.container.children.push(c);
        if (name === 'require') {
          ev.catalog.relationships.push({ from: new PRef('class', c.title), to: new PRef(scope.container.type, scope.container.title), notify: false, span });
        }
      }
      return null;
    }
    case 'fail':
      throw evalError(`Evaluation Error: Error while evaluating a Function Call, ${args().map((x) => toStr(x)).join(' ')}`, span);
    case 'notice':
    case 'info':
    case 'warning':
    case 'err':
    case 'debug':
    case 'alert':
    case 'crit':
    case 'emerg':
      ev.catalog.messages.push(`${name[0].toUpperCase()}${name.slice(1)}: Scope(${scope.container.key}): ${args().map((x) => toStr(x)).join(' ')}`);
      return null;
    case 'each':
    case 'map':
    case 'filter':
    case 'reduce':
    case 'with':
      return iterate(ev, e, scope, args());
    case 'inline_epp': {
      const [tpl, params] = args();
      if (typeof tpl !== 'string') throw evalError(`inline_epp expects a String template, got ${typeName(tpl)}`, span);
      return renderEpp(ev, tpl, params instanceof PHash ? params : new PHash(), span);
    }
    case 'join': {
      const [a, sep] = args();
      return Array.isArray(a) ? a.map((x) => toStr(x)).join(sep === undefined || sep === null ? '' : toStr(sep)) : toStr(a);
    }
    case 'split': {
      const [s, sep] = args();
      return toStr(s).split(sep instanceof RegExp ? sep : toStr(sep));
    }
    case 'upcase':
    case 'downcase':
    case 'capitalize':
    case 'strip':
    case 'lstrip':
    case 'rstrip': {
      const f = (s: string) =>
        name === 'upcase' ? s.toUpperCase() : name === 'downcase' ? s.toLowerCase() : name === 'capitalize' ? s.charAt(0).toUpperCase() + s.slice(1) : name === 'strip' ? s.trim() : name === 'lstrip' ? s.trimStart() : s.trimEnd();
      const [v] = args();
      return Array.isArray(v) ? v.map((x) => f(toStr(x))) : f(toStr(v));
    }
    case 'size':
    case 'length': {
      const [v] = args();
      return Array.isArray(v) ? v.length : v instanceof PHash ? v.size : toStr(v).length;
    }
    case 'empty': {
      const [v] = args();
      return v === null || (Array.isArray(v) ? v.length === 0 : v instanceof PHash ? v.size === 0 : toStr(v) === '');
    }
    case 'keys':
    case 'values': {
      const [h] = args();
      if (!(h instanceof PHash)) throw evalError(`${name} expects a Hash, got ${typeName(h)}`, span);
      return h.entries().map(([k, v]) => (name === 'keys' ? k : v));
    }
    case 'sort': {
      const [a] = args();
      return Array.isArray(a) ? [...a].sort((x, y) => (toStr(x) < toStr(y) ? -1 : toStr(x) > toStr(y) ? 1 : 0)) : a;
    }
    case 'unique': {
      const [a] = args();
      return Array.isArray(a) ? a.filter((x, i) => a.findIndex((y) => equals(x, y) && typeof x === typeof y) === i) : a;
    }
    case 'flatten':
      return (args() as PValue[]).flat(Infinity as 1) as PValue;
    case 'concat':
      return (args() as PValue[]).flatMap((x) => (Array.isArray(x) ? x : [x]));
    case 'regsubst': {
      const [s, re, rep, flags] = args();
      const f = typeof flags === 'string' ? flags : '';
      const r = new RegExp(re instanceof RegExp ? re.source : toStr(re), (f.includes('G') ? 'g' : '') + (f.includes('I') ? 'i' : ''));
      const sub = (x: string) => x.replace(r, toStr(rep).replace(/\\(\d)/g, '$$$1'));
      return Array.isArray(s) ? s.map((x) => sub(toStr(x))) : sub(toStr(s));
    }
    case 'sprintf': {
      const [fmt, ...rest] = args();
      let i = 0;
      return toStr(fmt).replace(/%([-0-9.]*)([sdifx%])/g, (_m, _w: string, c: string) => {
        if (c === '%') return '%';
        const v = rest[i++] ?? null;
        return c === 'd' || c === 'i' ? String(Math.trunc(Number(v))) : c === 'x' ? Number(v).toString(16) : toStr(v);
      });
    }
    case 'versioncmp': {
      const [a, b] = args().map((x) => toStr(x).split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (a[i] === undefined) return -1;
        if (b[i] === undefined) return 1;
        if (a[i] < b[i]) return -1;
        if (a[i] > b[i]) return 1;
      }
      return 0;
    }
    case 'defined': {
      const [v] = args();
      if (typeof v === 'string' && v.startsWith('$')) return ev.variable(v.slice(1), scope, span) !== null;
      if (v instanceof PRef) return ev.catalog.resolve(v) !== undefined;
      return typeof v === 'string' && ev.catalog.containers.has(`class[${v.toLowerCase()}]`);
    }
    case 'abs': {
      const v = args()[0];
      return v instanceof PFloat ? new PFloat(Math.abs(v.value)) : Math.abs(Number(v));
    }
    // The winning argument itself, so that a Float stays one.
    case 'max':
      return args().reduce((a, b) => (Number(b) > Number(a) ? b : a));
    case 'min':
      return args().reduce((a, b) => (Number(b) < Number(a) ? b : a));
    case 'range': {
      const [a, b] = args().map(Number);
      const out: PValue[] = [];
      for (let i = a; i <= b; i++) out.push(i);
      return out;
    }
  }
  if (KNOWN_UNSUPPORTED.has(name)) throw unsupported(`the Puppet function \`${name}()\` is outside the subset`, e.nameSpan);
  throw evalError(`Evaluation Error: Unknown function: '${name}'.`, e.nameSpan);
}

/** each/map/filter/reduce/with: the lambda runs in a child scope of the caller's. */
function iterate(ev: Evaluator, e: Call, scope: Scope, args: PValue[]): PValue {
  const lambda = e.lambda;
  if (!lambda) throw evalError(`'${e.name}' expects a block (a lambda)`, e.span);
  const run = (vals: PValue[]): PValue => callLambda(ev, lambda, scope, vals);
  if (e.name === 'with') return run(args);
  const [coll, memo] = args;
  const n = lambda.params.length;
  let items: PValue[][];
  if (coll instanceof PHash) items = coll.entries().map(([k, v]) => (n >= 2 ? [k, v] : [[k, v]]));
  else if (Array.isArray(coll)) items = coll.map((v, i) => (n >= 2 && e.name !== 'reduce' ? [i, v] : [v]));
  else if (typeof coll === 'number') items = Array.from({ length: coll }, (_, i) => [i]);
  else throw evalError(`'${e.name}' expects an Iterable value, got ${typeName(coll)}`, e.span);
  switch (e.name) {
    case 'each':
      for (const it of items) run(it);
      return coll;
    case 'map':
      return items.map(run);
    case 'filter': {
      const keep = items.map((it) => truthy(run(it)));
      if (coll instanceof PHash) return PHash.of(coll.entries().filter((_, i) => keep[i]));
      return (coll as PValue[]).filter((_, i) => keep[i]);
    }
    default: {
      const vals = items.map((it) => (it.length === 1 ? it[0] : it));
      let acc: PValue = args.length > 1 ? memo : vals.shift() ?? null;
      for (const v of vals) acc = run([acc, v]);
      return acc;
    }
  }
}

function callLambda(ev: Evaluator, l: Lambda, scope: Scope, vals: PValue[]): PValue {
  const s = new (scope.constructor as typeof Scope)(scope, scope.container, scope);
  l.params.forEach((p, i) => {
    const v = i < vals.length ? vals[i] : p.default ? ev.eval(p.default, s) : null;
    s.vars.set(p.name, v);
  });
  return ev.block(l.body, s);
}

// ---------------------------------------------------------------- EPP

/**
 * Renders an EPP template: the template becomes a small Puppet program
 * (text → `__epp_text('…')`, `<%= e %>` → `__epp_out((e))`, `<% code %>` as
 * is), evaluated in a scope of its own holding only the parameters.
 */
function renderEpp(ev: Evaluator, tpl: string, given: PHash, span: PSpan): string {
  let src = '';
  let paramsSrc: string | undefined;
  let i = 0;
  let first = true;
  const text = (t: string) => {
    if (t) src += `__epp_text('${t.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}')\n`;
  };
  let pendingText = '';
  while (i < tpl.length) {
    const open = tpl.indexOf('<%', i);
    if (open < 0) {
      pendingText += tpl.slice(i);
      break;
    }
    if (tpl[open + 2] === '%') {
      pendingText += tpl.slice(i, open) + '<%';
      i = open + 3;
      continue;
    }
    let before = tpl.slice(i, open);
    let start = open + 2;
    if (tpl[start] === '-') {
      before = before.replace(/[ \t]*$/, (ws) => (/(^|\n)$/.test(before.slice(0, before.length - ws.length)) ? '' : ws));
      start++;
    }
    pendingText += before;
    const close = tpl.indexOf('%>', start);
    if (close < 0) throw evalError('inline_epp: unbalanced epp tag, reached end of template without finding %>', span);
    let body = tpl.slice(start, close);
    let after = close + 2;
    if (body.endsWith('-')) {
      body = body.slice(0, -1);
      if (tpl[after] === '\n') after++;
      else if (tpl.startsWith('\r\n', after)) after += 2;
    }
    text(pendingText);
    pendingText = '';
    if (body.startsWith('#')) {
      /* comment */
    } else if (body.startsWith('=')) {
      src += `__epp_out((${body.slice(1)}))\n`;
    } else if (first && /^\s*\|[^]*\|\s*$/.test(body)) {
      paramsSrc = body.trim();
    } else {
      src += body + '\n';
    }
    first = false;
    i = after;
  }
  text(pendingText);
  // Parameters: declared ones take the given value or their default; undeclared given ones are an error.
  const scope = new (ev.top.constructor as typeof Scope)(ev.top, ev.top.container);
  if (paramsSrc !== undefined) {
    const decl = parseManifest(`each([]) ${paramsSrc} {}`, 'inline_epp').body[0] as Call;
    const names = decl.lambda!.params.map((p) => p.name);
    for (const [k] of given.entries()) if (!names.includes(String(k))) throw evalError(`inline_epp: has no parameter named '${toStr(k)}'`, span);
    for (const p of decl.lambda!.params) {
      let v: PValue;
      if (given.has(p.name)) v = given.get(p.name)!;
      else if (p.default) v = ev.eval(p.default, scope);
      else throw evalError(`inline_epp: expects a value for parameter '${p.name}'`, span);
      if (p.type) {
        const t = ev.eval(p.type, scope);
        if (t instanceof PType && !matchesType(v, t)) throw evalError(`inline_epp: parameter '${p.name}' expects a ${toStr(t)} value, got ${typeName(v)}`, span);
      }
      scope.vars.set(p.name, v);
    }
  } else {
    for (const [k, v] of given.entries()) scope.vars.set(String(k), v);
  }
  const prog = parseManifest(src, 'inline_epp');
  let out = '';
  for (const stmt of prog.body) out += renderStmt(ev, stmt, scope);
  return out;

  function renderStmt(evr: Evaluator, stmt: PExpr, s: Scope): string {
    let buf = '';
    const prev = eppSink;
    eppSink = (x) => (buf += x);
    try {
      evr.eval(stmt, s);
    } finally {
      eppSink = prev;
    }
    return buf;
  }
}

/** Where __epp_text/__epp_out write while a template renders. */
let eppSink: ((s: string) => void) | undefined;

export function eppBuiltin(name: string, v: PValue, span: PSpan): boolean {
  if (name !== '__epp_text' && name !== '__epp_out') return false;
  if (!eppSink) throw evalError(`Unknown function: '${name}'`, span);
  eppSink(toStr(v));
  return true;
}
