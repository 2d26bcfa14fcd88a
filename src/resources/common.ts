// Helpers shared by the resource kinds: param declarations, reading params
// out of a ResourceSpec, the default duplicate compare, path rules for
// AutoEdge and the common AutoGroup consent checks.

import type { IntWidth, KindDef, ParamDef, ResourceSpec, Uid } from './kind.js';
import { parseType, type Type } from '../lang/types/type.js';
import { MapValue, valueEqual, zeroValue as zeroOf, type Value } from '../lang/types/value.js';

// ---- declaring params -------------------------------------------------------

/** `refresh_only` → `RefreshOnly`, `content` → `Content` (Go's exported field style). */
export function camel(name: string): string {
  return name
    .split('_')
    .map((w) => (w ? w[0].toUpperCase() + w.slice(1) : ''))
    .join('');
}

export interface ParamOpts {
  /** Go field name when it is not the plain CamelCase of the mcl name. */
  field?: string;
  ptr?: boolean;
  int?: IntWidth;
  oneOf?: string[];
}

/** Declare one param; the Go field defaults to `camel(name)`. */
export function param(name: string, type: string, doc: string, opts: ParamOpts = {}): ParamDef {
  const p: ParamDef = { name, field: opts.field ?? camel(name), type, doc };
  if (opts.ptr) p.ptr = true;
  if (opts.int) p.int = opts.int;
  if (opts.oneOf) p.oneOf = opts.oneOf;
  return p;
}

/** The Go kind name of a param's field, as used in send/recv mismatch messages. */
export function goKindOf(p: ParamDef): string {
  if (p.ptr) return 'ptr';
  const t = p.type.trim();
  if (t === 'variant') return 'interface';
  if (t === 'str') return 'string';
  if (t === 'int') return p.int ?? 'int';
  if (t === 'float') return 'float64';
  if (t === 'bool') return 'bool';
  if (t.startsWith('[]')) return 'slice';
  if (t.startsWith('map{')) return 'map';
  if (t.startsWith('struct{')) return 'struct';
  if (t.startsWith('func(')) return 'func';
  return 'interface';
}

// ---- reading params ---------------------------------------------------------

export function has(res: ResourceSpec, name: string): boolean {
  return res.params.has(name);
}

export function getStr(res: ResourceSpec, name: string, def = ''): string {
  const v = res.params.get(name);
  return typeof v === 'string' ? v : def;
}

/** A pointer str param: undefined when unset. */
export function getStrPtr(res: ResourceSpec, name: string): string | undefined {
  const v = res.params.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function getBool(res: ResourceSpec, name: string, def = false): boolean {
  const v = res.params.get(name);
  return typeof v === 'boolean' ? v : def;
}

export function getInt(res: ResourceSpec, name: string, def = 0n): bigint {
  const v = res.params.get(name);
  return typeof v === 'bigint' ? v : def;
}

export function getStrList(res: ResourceSpec, name: string): string[] {
  const v = res.params.get(name);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function getStrMap(res: ResourceSpec, name: string): Map<string, string> {
  const v = res.params.get(name);
  const out = new Map<string, string>();
  if (v instanceof MapValue) for (const e of v.sorted()) if (typeof e.key === 'string' && typeof e.value === 'string') out.set(e.key, e.value);
  return out;
}

/** Check a str param against a list of allowed values; returns a reason or undefined. */
export function oneOf(res: ResourceSpec, name: string, allowed: string[], what = `the ${camel(name)}`): string | undefined {
  const v = getStr(res, name);
  return allowed.includes(v) ? undefined : `${what} \`${v}\` is invalid`;
}

// ---- zero values and the default compare -----------------------------------

const typeCache = new Map<string, Type>();
function typeOf(src: string): Type {
  let t = typeCache.get(src);
  if (!t) {
    t = parseType(src);
    typeCache.set(src, t);
  }
  return t;
}

/** Go's zero value for a field of this mcl type (undefined for variant and func: nil). */
export function zeroValue(type: string): Value | undefined {
  const t = typeOf(type);
  return hasZero(t) ? zeroOf(t) : undefined;
}

/** Whether Go's zero value of this type is a value mcl can show (not nil). */
function hasZero(t: Type): boolean {
  if (t.k === 'struct') return t.fields.every((f) => hasZero(f.type));
  return t.k !== 'func' && t.k !== 'variant' && t.k !== 'var';
}

/** A param's value as the Go field holds it: unset non-pointer params are the zero value. */
export function effective(res: ResourceSpec, p: ParamDef): Value | undefined {
  const v = res.params.get(p.name);
  if (v !== undefined || p.ptr) return v;
  return zeroValue(p.type);
}

/** Whether a param holds the same thing in both specs (pointers: both unset, or both set and equal). */
export function sameParam(a: ResourceSpec, b: ResourceSpec, p: ParamDef): boolean {
  // Unset in both: the same zero value (or both nil), without making it.
  if (!a.params.has(p.name) && !b.params.has(p.name)) return true;
  const x = effective(a, p);
  const y = effective(b, p);
  if (x === undefined || y === undefined) return x === y;
  return valueEqual(x, y);
}

/**
 * The default Cmp: every param in declaration order, reporting upstream's
 * `the <GoField> differs`. `reason` may override the message for a field.
 */
export function cmpParams(params: ParamDef[], reason?: (p: ParamDef, a: ResourceSpec, b: ResourceSpec) => string | undefined) {
  return (a: ResourceSpec, b: ResourceSpec): string | undefined => {
    for (const p of params) {
      if (sameParam(a, b, p)) continue;
      return reason?.(p, a, b) ?? `the ${p.field} differs`;
    }
    return undefined;
  };
}

/** Compare with the kind's own cmp, or the default one. */
export function cmpWith(def: KindDef, a: ResourceSpec, b: ResourceSpec): string | undefined {
  return (def.cmp ?? cmpParams(def.params))(a, b);
}

// ---- identities and paths ---------------------------------------------------

export function nameUid(res: ResourceSpec): Uid {
  return { kind: res.kind, key: res.name };
}

export const fileUid = (path: string): Uid => ({ kind: 'file', key: path });

export const isAbs = (p: string): boolean => p.startsWith('/');
export const isDirPath = (p: string): boolean => p.endsWith('/');

/** Parent directories, nearest first, each ending in `/`: `/a/b/c` → `/a/b/`, `/a/`, `/`. */
export function parentDirs(path: string): string[] {
  const out: string[] = [];
  let p = path.endsWith('/') ? path.slice(0, -1) : path;
  for (;;) {
    const i = p.lastIndexOf('/');
    if (i < 0) break;
    p = p.slice(0, i);
    out.push(p + '/');
    if (p === '') break;
  }
  return out;
}

/** The program a command line runs: its first whitespace-separated word. */
export function firstWord(cmd: string): string {
  return cmd.trim().split(/\s+/)[0] ?? '';
}

/** An environment variable name as POSIX shells accept it. */
export const isEnvName = (s: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);

// ---- autogroup --------------------------------------------------------------

/** Both resources take part in autogrouping (`Meta:autogroup`). */
export function bothGroupable(parent: ResourceSpec, child: ResourceSpec): boolean {
  return parent.meta.autogroup && child.meta.autogroup;
}

/**
 * The hierarchical rule (`http:server:file` into `http:server`): the child's
 * kind must be a key of `children`; if the child names its parent in the
 * param given as the value, that must be the parent's name.
 */
export function groupChildren(children: Record<string, string>) {
  return (parent: ResourceSpec, child: ResourceSpec): boolean => {
    if (!bothGroupable(parent, child)) return false;
    const parentParam = children[child.kind];
    if (parentParam === undefined) return false;
    const want = getStr(child, parentParam);
    return want === '' || want === parent.name;
  };
}

/** Same kind and both take part: the rule for kinds that group with any peer. */
export function groupSameKind(parent: ResourceSpec, child: ResourceSpec): boolean {
  return parent.kind === child.kind && bothGroupable(parent, child);
}
