// Template data: the values a template works on (Go's reflect values, in a
// small JS form), and the conversions between mcl values and them.
//
//   null           Go nil / an invalid reflect.Value (prints `<no value>`)
//   boolean, string, bigint (Go int), number (Go float64)
//   TV[]           a Go []interface{}
//   TMap           a Go map (mcl maps, and mcl structs with Title-cased keys)
//   TRecord        a Go struct (only struct map keys become these)
//   TFunc          a function value (registry functions, mcl func values)

import { compareBytes, FuncValue, MapValue, StructValue, type Value } from '../../../types/value.js';
import type { Type } from '../../../types/type.js';

export type TV = null | boolean | string | bigint | number | TV[] | TMap | TRecord | TFunc;

export class TMap {
  readonly entries = new Map<string, { key: TV; value: TV }>();
  /** Go's key and element type names (`string`, `interface {}`), for messages. */
  constructor(
    readonly keyType: string,
    readonly elemType = 'interface {}',
  ) {}
  get size(): number {
    return this.entries.size;
  }
  set(key: TV, value: TV): void {
    this.entries.set(tvKey(key), { key, value });
  }
  get(key: TV): TV | undefined {
    return this.entries.get(tvKey(key))?.value;
  }
  /** Entries in Go's sorted key order (as fmt and range use). */
  sorted(): { key: TV; value: TV }[] {
    return [...this.entries.values()].sort((a, b) => compareTV(a.key, b.key));
  }
}

export class TRecord {
  constructor(readonly fields: [string, TV][]) {}
  get(name: string): TV | undefined {
    for (const [n, v] of this.fields) if (n === name) return v;
    return undefined;
  }
}

/** How a function parameter takes its argument. */
export type Param =
  /** reflect.Value / interface{}: anything, literals become ideal constants. */
  | { k: 'any' }
  /** A Go string parameter (printf's format). */
  | { k: 'string' }
  /** An mcl-typed parameter of a registry function. */
  | { k: 'mcl'; type: Type };

export class TFunc {
  constructor(
    readonly name: string,
    readonly params: Param[],
    /** The last parameter repeats. */
    readonly variadic: boolean,
    readonly call: (args: TV[]) => TV,
  ) {}
}

/** A key identifying a template value up to Go's == (map keys). */
export function tvKey(v: TV): string {
  if (v === null) return 'nil';
  switch (typeof v) {
    case 'boolean':
      return v ? 'b:1' : 'b:0';
    case 'string':
      return 's:' + v;
    case 'bigint':
      return 'i:' + v.toString();
    case 'number':
      return 'f:' + (Object.is(v, -0) ? '0' : String(v));
  }
  if (v instanceof TRecord) return 'r:{' + v.fields.map(([n, x]) => n + '=' + tvKey(x)).join(';') + '}';
  if (Array.isArray(v)) return 'l:[' + v.map(tvKey).join(',') + ']';
  if (v instanceof TMap) return 'm:' + v.sorted().map((e) => tvKey(e.key) + '=>' + tvKey(e.value)).join(',');
  return 'fn:' + v.name;
}

/** Go's fmtsort order: false first, numbers numerically, strings bytewise, structs field by field. */
export function compareTV(a: TV, b: TV): number {
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number'))
    return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareBytes(a, b);
  if (a instanceof TRecord && b instanceof TRecord) {
    for (let i = 0; i < Math.min(a.fields.length, b.fields.length); i++) {
      const c = compareTV(a.fields[i][1], b.fields[i][1]);
      if (c !== 0) return c;
    }
    return a.fields.length - b.fields.length;
  }
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return 0;
}

/** `raw_query` → `Raw_query`: how mcl struct fields are named in templates. */
export const titleCase = (s: string): string => (s === '' ? s : s[0].toUpperCase() + s.slice(1));

/** Go's name for a value's type, as used in messages and %T. */
export function goTypeName(v: TV): string {
  if (v === null) return '<nil>';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
  }
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof TMap) return `map[${v.keyType}]${v.elemType}`;
  if (v instanceof TRecord) return 'struct { ' + v.fields.map(([n, x]) => `${n} ${goTypeName(x)}`).join('; ') + ' }';
  return 'func(...interface {}) (interface {}, error)';
}

/** Go's name for an mcl type once it is template data. */
export function goTypeOf(t: Type | undefined): string {
  switch (t?.k) {
    case 'bool':
      return 'bool';
    case 'str':
      return 'string';
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'list':
      return '[]interface {}';
    case 'map':
      return `map[${goKeyTypeOf(t.key)}]interface {}`;
    case 'struct':
      return 'map[string]interface {}';
    default:
      return 'interface {}';
  }
}

function goKeyTypeOf(t: Type): string {
  if (t.k === 'struct') return 'struct { ' + t.fields.map((f) => `${titleCase(f.name)} ${goTypeOf(f.type)}`).join('; ') + ' }';
  return goTypeOf(t);
}

/** mcl value → template data; `type` (when known) names empty maps' key types. */
export function toTemplate(v: Value, type?: Type): TV {
  switch (typeof v) {
    case 'boolean':
    case 'string':
    case 'bigint':
    case 'number':
      return v;
  }
  if (Array.isArray(v)) return v.map((e) => toTemplate(e, type?.k === 'list' ? type.elem : undefined));
  if (v instanceof MapValue) {
    const kt = type?.k === 'map' ? type.key : undefined;
    const vt = type?.k === 'map' ? type.val : undefined;
    const first = v.keys()[0];
    const keyType = kt && kt.k !== 'var' ? goKeyTypeOf(kt) : first === undefined ? 'string' : goTypeName(toKey(first));
    const m = new TMap(keyType);
    for (const { key, value } of v.entries.values()) m.set(toKey(key, kt), toTemplate(value, vt));
    return m;
  }
  if (v instanceof StructValue) {
    const m = new TMap('string');
    const ft = (name: string) => (type?.k === 'struct' ? type.fields.find((f) => f.name === name)?.type : undefined);
    for (const [name, x] of v.fields) m.set(titleCase(name), toTemplate(x, ft(name)));
    return m;
  }
  return new TFunc(v.name, [], true, (args) => toTemplate(v.call(args.map(fromTemplateLoose))));
}

// Struct map keys must stay comparable, so they become records rather than maps.
function toKey(k: Value, type?: Type): TV {
  if (k instanceof StructValue) {
    const ft = (name: string) => (type?.k === 'struct' ? type.fields.find((f) => f.name === name)?.type : undefined);
    return new TRecord(k.fields.map(([n, x]) => [titleCase(n), toKey(x, ft(n))]));
  }
  return toTemplate(k, type);
}

export class ConvertError extends Error {}

/** Template data → mcl value of `type` (registry function arguments). */
export function fromTemplate(v: TV, type: Type): Value {
  const fail = (): never => {
    throw new ConvertError(`wrong type for value; expected ${goTypeOf(type)}; got ${goTypeName(v)}`);
  };
  switch (type.k) {
    case 'bool':
      return typeof v === 'boolean' ? v : fail();
    case 'str':
      return typeof v === 'string' ? v : fail();
    case 'int':
      return typeof v === 'bigint' ? BigInt.asIntN(64, v) : fail();
    case 'float':
      return typeof v === 'number' ? v : fail();
    case 'list':
      return Array.isArray(v) ? v.map((e) => fromTemplate(e, type.elem)) : fail();
    case 'map': {
      if (!(v instanceof TMap)) return fail();
      const m = new MapValue();
      for (const { key, value } of v.entries.values()) m.set(fromTemplate(key, type.key), fromTemplate(value, type.val));
      return m;
    }
    case 'struct': {
      const get = (name: string): TV | undefined =>
        v instanceof TMap ? v.get(titleCase(name)) ?? v.get(name) : v instanceof TRecord ? v.get(titleCase(name)) : undefined;
      if (!(v instanceof TMap) && !(v instanceof TRecord)) return fail();
      return new StructValue(
        type.fields.map((f) => {
          const x = get(f.name);
          if (x === undefined) fail();
          return [f.name, fromTemplate(x!, f.type)];
        }),
      );
    }
    case 'func':
      if (!(v instanceof TFunc)) return fail();
      return new FuncValue(v.name, (args) => fromTemplate(v.call(args.map((a, i) => toTemplate(a, type.args[i]?.type))), type.ret));
    default:
      return fromTemplateLoose(v);
  }
}

/** Template data → mcl value when no type is known (arguments of mcl func values). */
export function fromTemplateLoose(v: TV): Value {
  if (v === null) throw new ConvertError('invalid value; expected a value; got nil');
  switch (typeof v) {
    case 'boolean':
    case 'string':
    case 'bigint':
    case 'number':
      return v;
  }
  if (Array.isArray(v)) return v.map(fromTemplateLoose);
  if (v instanceof TMap) {
    const m = new MapValue();
    for (const { key, value } of v.entries.values()) m.set(fromTemplateLoose(key), fromTemplateLoose(value));
    return m;
  }
  if (v instanceof TRecord) return new StructValue(v.fields.map(([n, x]) => [n, fromTemplateLoose(x)]));
  const f = v;
  return new FuncValue(f.name, (args) => fromTemplateLoose(f.call(args.map((a) => toTemplate(a)))));
}
