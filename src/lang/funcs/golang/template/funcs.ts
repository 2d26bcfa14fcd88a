// The builtin functions of Go's text/template (and, or, not, len, index,
// slice, print*, eq…ge, html, js, urlquery, call), with Go's error texts.
// `and`, `or` and `call` are special-cased by the executor; they are listed
// here so that the parser knows the names and the executor their parameters.

import { goTypeName, TFunc, TMap, TRecord, type Param, type TV } from './data.js';
import { sprint, sprintf, sprintln } from './gofmt.js';

const ANY: Param = { k: 'any' };

/** Go truthiness: non-zero, non-empty; structs are always true. */
export function truth(v: TV): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
  }
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof TMap) return v.size > 0;
  return true;
}

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid';
function basicKind(v: TV): Kind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  return 'invalid';
}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';

function eq(arg1: TV, ...rest: TV[]): boolean {
  if (rest.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (arg1 !== null && arg !== null) throw new Error(errBadComparison);
    } else if (k1 !== 'invalid') {
      t = arg1 === arg;
    } else {
      // Only nil compares here: lists, maps and funcs are not comparable in Go.
      const n1 = arg1 === null;
      const n2 = arg === null;
      if (n1 || n2) t = n1 === n2;
      else if (arg1 instanceof TRecord && arg instanceof TRecord) t = JSON.stringify(arg1) === JSON.stringify(arg);
      else throw new Error(`non-comparable type ${sprint([arg])}: ${goTypeName(arg)}`);
    }
    if (t) return true;
  }
  return false;
}

function lt(a: TV, b: TV): boolean {
  const k1 = basicKind(a);
  if (k1 === 'invalid') throw new Error(errBadComparisonType);
  const k2 = basicKind(b);
  if (k2 === 'invalid') throw new Error(errBadComparisonType);
  if (k1 !== k2) throw new Error(errBadComparison);
  if (k1 === 'bool') throw new Error(errBadComparisonType);
  if (k1 === 'string') return Buffer.compare(Buffer.from(a as string), Buffer.from(b as string)) < 0;
  return (a as number) < (b as number);
}

function indexArg(index: TV, cap: number): number {
  if (index === null) throw new Error('cannot index slice/array with nil');
  if (typeof index !== 'bigint') throw new Error(`cannot index slice/array with type ${goTypeName(index)}`);
  if (index < 0n || index > BigInt(cap)) throw new Error(`index out of range: ${index}`);
  return Number(index);
}

/** Go's prepareArg for map keys: the key must have the map's key type. */
function mapKey(m: TMap, key: TV): TV {
  if (key === null) throw new Error(`value is nil; should be of type ${m.keyType}`);
  const kt = goTypeName(key);
  if (kt !== m.keyType && m.keyType !== 'interface {}' && !(kt === 'int' && /^u?int/.test(m.keyType)))
    throw new Error(`value has type ${kt}; should be ${m.keyType}`);
  return key;
}

function index(item: TV, ...indexes: TV[]): TV {
  if (item === null) throw new Error('index of untyped nil');
  for (const ix of indexes) {
    if (item === null) throw new Error('index of nil pointer');
    if (Array.isArray(item)) {
      const x = indexArg(ix, item.length);
      if (x === item.length) throw new Error('reflect: slice index out of range');
      item = item[x];
    } else if (typeof item === 'string') {
      const bytes = Buffer.from(item, 'utf8');
      const x = indexArg(ix, bytes.length);
      if (x === bytes.length) throw new Error('reflect: string index out of range');
      item = BigInt(bytes[x]);
    } else if (item instanceof TMap) {
      // A missing key gives the element's zero value: nil for interface{} elements.
      item = item.get(mapKey(item, ix)) ?? null;
    } else {
      throw new Error(`can't index item of type ${goTypeName(item)}`);
    }
  }
  return item;
}

function slice(item: TV, ...indexes: TV[]): TV {
  if (item === null) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    len = Buffer.byteLength(item, 'utf8');
  } else if (Array.isArray(item)) len = item.length;
  else throw new Error(`can't slice item of type ${goTypeName(item)}`);
  const idx = [0, len, len];
  indexes.forEach((ix, i) => (idx[i] = indexArg(ix, len)));
  if (idx[0] > idx[1]) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') return Buffer.from(item, 'utf8').subarray(idx[0], idx[1]).toString('utf8');
  return item.slice(idx[0], idx[1]);
}

function length(item: TV): TV {
  if (typeof item === 'string') return BigInt(Buffer.byteLength(item, 'utf8'));
  if (Array.isArray(item)) return BigInt(item.length);
  if (item instanceof TMap) return BigInt(item.size);
  if (item === null) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  throw new Error(`len of type ${goTypeName(item)}`);
}

// html, js and urlquery print a lone string as is, anything else with Sprint.
const evalArgs = (args: TV[]): string => (args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args));

export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (c < 0x20 || (c >= 0x7f && !/^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u.test(ch)))
      out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}

export function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

const fn = (name: string, params: Param[], variadic: boolean, call: (args: TV[]) => TV) =>
  new TFunc(name, params, variadic, call);

/** text/template's builtins by name. */
export const BUILTINS: ReadonlyMap<string, TFunc> = new Map(
  [
    fn('and', [ANY, ANY], true, () => null),
    fn('or', [ANY, ANY], true, () => null),
    fn('call', [ANY, ANY], true, () => null),
    fn('not', [ANY], false, ([a]) => !truth(a)),
    fn('len', [ANY], false, ([a]) => length(a)),
    fn('index', [ANY, ANY], true, ([a, ...r]) => index(a, ...r)),
    fn('slice', [ANY, ANY], true, ([a, ...r]) => slice(a, ...r)),
    fn('print', [ANY], true, (args) => sprint(args)),
    fn('printf', [{ k: 'string' }, ANY], true, ([f, ...args]) => sprintf(f as string, args)),
    fn('println', [ANY], true, (args) => sprintln(args)),
    fn('eq', [ANY, ANY], true, ([a, ...r]) => eq(a, ...r)),
    fn('ne', [ANY, ANY], false, ([a, b]) => !eq(a, b)),
    fn('lt', [ANY, ANY], false, ([a, b]) => lt(a, b)),
    fn('le', [ANY, ANY], false, ([a, b]) => lt(a, b) || eq(a, b)),
    fn('gt', [ANY, ANY], false, ([a, b]) => !(lt(a, b) || eq(a, b))),
    fn('ge', [ANY, ANY], false, ([a, b]) => !lt(a, b)),
    fn('html', [ANY], true, (args) => htmlEscape(evalArgs(args))),
    fn('js', [ANY], true, (args) => jsEscape(evalArgs(args))),
    fn('urlquery', [ANY], true, (args) => queryEscape(evalArgs(args))),
  ].map((f) => [f.name, f]),
);
