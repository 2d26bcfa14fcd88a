// mcl values at run time, their equality, hashing (for map keys) and the
// "mcl form" used by printf's %v, error messages and the field dump.
//
// Representation (type switches go bool, str, int, float, list, map, struct, func):
//   bool -> boolean, str -> string, int -> bigint (64-bit, wrapping),
//   float -> number, list -> Value[], map -> MapValue, struct -> StructValue,
//   func -> FuncValue.

import type { Type } from './type.js';

export type Value = boolean | string | bigint | number | Value[] | MapValue | StructValue | FuncValue;

/** A map keeps insertion order; keys are compared by `valueKey`. */
export class MapValue {
  readonly entries = new Map<string, { key: Value; value: Value }>();

  static from(pairs: [Value, Value][]): MapValue {
    const m = new MapValue();
    for (const [k, v] of pairs) m.set(k, v);
    return m;
  }
  get size(): number {
    return this.entries.size;
  }
  set(key: Value, value: Value): void {
    this.entries.set(valueKey(key), { key, value });
  }
  get(key: Value): Value | undefined {
    return this.entries.get(valueKey(key))?.value;
  }
  has(key: Value): boolean {
    return this.entries.has(valueKey(key));
  }
  keys(): Value[] {
    return [...this.entries.values()].map((e) => e.key);
  }
  values(): Value[] {
    return [...this.entries.values()].map((e) => e.value);
  }
  /** Entries sorted by key the way upstream prints and iterates maps. */
  sorted(): { key: Value; value: Value }[] {
    return [...this.entries.values()].sort((a, b) => compareValues(a.key, b.key));
  }
}

/** A struct: fields in declaration order. */
export class StructValue {
  constructor(readonly fields: [string, Value][]) {}
  get(name: string): Value | undefined {
    for (const [n, v] of this.fields) if (n === name) return v;
    return undefined;
  }
  has(name: string): boolean {
    return this.fields.some(([n]) => n === name);
  }
}

/** A function value: a builtin or a closure. `call` may throw a CatchableError. */
export class FuncValue {
  constructor(
    readonly name: string,
    readonly call: (args: Value[]) => Value,
    /** Arity, when known. */
    readonly arity?: number,
  ) {}
}

export const isInt = (v: Value): v is bigint => typeof v === 'bigint';
export const isFloat = (v: Value): v is number => typeof v === 'number';
export const isList = (v: Value): v is Value[] => Array.isArray(v);

/** Wrap to a signed 64-bit integer, as Go's int64 arithmetic does. */
export function wrapInt(n: bigint): bigint {
  return BigInt.asIntN(64, n);
}

/** A string that identifies a value up to equality (map keys, dedup). */
export function valueKey(v: Value): string {
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
  if (Array.isArray(v)) return 'l:[' + v.map(valueKey).join(',') + ']';
  if (v instanceof MapValue)
    return 'm:{' + v.sorted().map((e) => valueKey(e.key) + '=>' + valueKey(e.value)).join(',') + '}';
  if (v instanceof StructValue) return 'r:{' + v.fields.map(([n, x]) => n + '=' + valueKey(x)).join(';') + '}';
  return 'fn:' + v.name;
}

/** Deep equality (funcs compare by identity). */
export function valueEqual(a: Value, b: Value): boolean {
  if (a instanceof FuncValue || b instanceof FuncValue) return a === b;
  return valueKey(a) === valueKey(b);
}

/** Ordering for map keys: false < true, numbers numerically, strings bytewise, structs field by field. */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareBytes(a, b);
  if (a instanceof StructValue && b instanceof StructValue) {
    for (let i = 0; i < Math.min(a.fields.length, b.fields.length); i++) {
      const c = compareValues(a.fields[i][1], b.fields[i][1]);
      if (c !== 0) return c;
    }
    return a.fields.length - b.fields.length;
  }
  return compareBytes(formatValue(a), formatValue(b));
}

/** Compare strings by their UTF-8 bytes, as Go's sort.Strings does. */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return Buffer.compare(ba, bb);
}

/** Go's strconv.FormatFloat(f, 'f', -1, 64): shortest round-trip digits, no exponent. */
export function formatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const s = String(f);
  if (!/e/i.test(s)) return s;
  const neg = f < 0;
  const [mant, expStr] = (neg ? s.slice(1) : s).split(/e/i);
  const exp = Number(expStr);
  const [ip, fp = ''] = mant.split('.');
  const digits = ip + fp;
  const point = ip.length + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return (neg ? '-' : '') + out;
}

/** Go's strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** The mcl form: `"a"`, `42`, `3.14`, `["a", "b"]`, `{k: v}`, `struct{a: 1; b: "x"}`. */
export function formatValue(v: Value): string {
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'string':
      return goQuote(v);
    case 'bigint':
      return v.toString();
    case 'number':
      return formatFloat(v);
  }
  if (Array.isArray(v)) return '[' + v.map(formatValue).join(', ') + ']';
  if (v instanceof MapValue) return '{' + v.sorted().map((e) => `${formatValue(e.key)}: ${formatValue(e.value)}`).join(', ') + '}';
  if (v instanceof StructValue) return 'struct{' + v.fields.map(([n, x]) => `${n}: ${formatValue(x)}`).join('; ') + '}';
  return `func() { <built-in:${v.name}> }`;
}

/** printf's %v: like the mcl form, but a top-level string prints raw. */
export function formatValueV(v: Value): string {
  return typeof v === 'string' ? v : formatValue(v);
}

/** The zero value of a type (`""`, `0`, `[]`, ...). Funcs and variables have none. */
export function zeroValue(t: Type): Value {
  switch (t.k) {
    case 'bool':
      return false;
    case 'str':
      return '';
    case 'int':
      return 0n;
    case 'float':
      return 0;
    case 'list':
      return [];
    case 'map':
      return new MapValue();
    case 'struct':
      return new StructValue(t.fields.map((f) => [f.name, zeroValue(f.type)]));
    default:
      return '';
  }
}

/** The run-time kind of a value, with upstream's names. */
export function valueKind(v: Value): string {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'str';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
  }
  if (Array.isArray(v)) return 'list';
  if (v instanceof MapValue) return 'map';
  if (v instanceof StructValue) return 'struct';
  return 'func';
}
