// Puppet values as the evaluator holds them, with Puppet's semantics for
// truthiness, equality (strings compare case-insensitively), string
// conversion (interpolation), and a small type matcher for typed parameters.
// An Integer is a JS number; a Float is a PFloat, so that `1.0` stays a Float
// (it prints as `1.0`, and `7.0 / 2` is 3.5 where `7 / 2` is 3).

export type PValue = string | number | PFloat | boolean | null | PDefault | PValue[] | PHash | RegExp | PRef | PType;

/** A Float value. `valueOf` lets `Number(v)` and comparisons read it. */
export class PFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
}

/** The value of an Integer or a Float; undefined for anything else. */
export const numValue = (v: PValue): number | undefined => (typeof v === 'number' ? v : v instanceof PFloat ? v.value : undefined);

/** Ruby's Float#to_s, which Puppet prints a Float with: `1.0`, `0.0001`, `1.0e-05`, `1.0e+15`. */
export function floatString(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // The shortest digits that read back as x (what Ruby prints too), placed Ruby's way:
  // fixed for exponents -4..14, else d.ddde±XX.
  const [mant, exp] = x.toExponential().split('e');
  const e = Number(exp);
  if (e >= -4 && e <= 14) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
  return `${mant.includes('.') ? mant : `${mant}.0`}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** The `default` literal (case/selector fallback). */
export class PDefault {
  static readonly it = new PDefault();
}

/** A hash with insertion order; keys are any value (strings in practice). */
export class PHash {
  readonly map = new Map<string, { key: PValue; value: PValue }>();
  static of(entries: [PValue, PValue][]): PHash {
    const h = new PHash();
    for (const [k, v] of entries) h.set(k, v);
    return h;
  }
  set(key: PValue, value: PValue): void {
    this.map.set(hashKey(key), { key, value });
  }
  get(key: PValue): PValue | undefined {
    return this.map.get(hashKey(key))?.value;
  }
  has(key: PValue): boolean {
    return this.map.has(hashKey(key));
  }
  entries(): [PValue, PValue][] {
    return [...this.map.values()].map((e) => [e.key, e.value]);
  }
  get size(): number {
    return this.map.size;
  }
}

/** A resource reference `File['/x']`: `type` lowercased (`file`, `class`, `corpus::vhost`). */
export class PRef {
  constructor(
    readonly type: string,
    readonly title: string,
  ) {}
  toString(): string {
    return refString(this.type, this.title);
  }
  get key(): string {
    return `${this.type}[${this.title}]`;
  }
}

/** A data type value (`String`, `Optional[Integer]`); resource types are PType too (`File`). */
export class PType {
  constructor(
    readonly name: string,
    readonly args: PValue[] = [],
  ) {}
}

/** `File[x]`, `Class[Foo::Bar]`, `Corpus::Vhost[x]`: Puppet's capitalised form. */
export function refString(type: string, title: string): string {
  return `${capName(type)}[${type === 'class' ? capName(title) : title}]`;
}

const capName = (s: string): string => s.split('::').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('::');

function hashKey(v: PValue): string {
  return typeof v === 'string' ? 's' + v : 'v' + literal(v);
}

/** Only undef and false are false. */
export const truthy = (v: PValue): boolean => v !== null && v !== false;

/** Puppet's `==`: strings case-insensitive, numbers by value, collections deeply. */
export function equals(a: PValue, b: PValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  const [x, y] = [numValue(a), numValue(b)];
  if (x !== undefined && y !== undefined) return x === y;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equals(x, b[i]));
  if (a instanceof PHash && b instanceof PHash) return a.size === b.size && a.entries().every(([k, v]) => b.has(k) && equals(v, b.get(k)!));
  if (a instanceof PRef && b instanceof PRef) return a.key === b.key;
  if (a instanceof RegExp && b instanceof RegExp) return a.source === b.source;
  if (a instanceof PType && b instanceof PType) return a.name === b.name && a.args.length === b.args.length && a.args.every((x, i) => equals(x, b.args[i]));
  return a === b;
}

/**
 * The string a value interpolates as (`"${v}"`), and what notice, fail and
 * join print: Puppet 7's string conversion. Inside arrays and hashes strings
 * are not quoted and undef is empty (`[two, , {x => 1}]`); resource
 * references quote their title (`File['/x']`, but `Class[foo]`).
 */
export function toStr(v: PValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(toStr).join(', ')}]`;
  if (v instanceof PHash) return `{${v.entries().map(([k, x]) => `${toStr(k)} => ${toStr(x)}`).join(', ')}}`;
  if (v instanceof PRef) return v.type === 'class' ? `Class[${v.title}]` : `${capName(v.type)}[${quote(v.title)}]`;
  return literal(v);
}

/** A single-quoted Puppet string, as Puppet prints one: only `'` is escaped. */
const quote = (s: string): string => `'${s.replace(/'/g, "\\'")}'`;

/** A value as Puppet source: type parameters (`Enum['a', 'b']`) and hash keys. */
function literal(v: PValue): string {
  if (v === null) return 'undef';
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof PFloat) return floatString(v.value);
  if (v instanceof PDefault) return 'default';
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (v instanceof PHash) return `{${v.entries().map(([k, x]) => `${literal(k)} => ${literal(x)}`).join(', ')}}`;
  // The parser unescaped `\/`: put it back (an escape such as `\\` stays as it is).
  if (v instanceof RegExp) return `/${v.source.replace(/\\.|\//g, (m) => (m === '/' ? '\\/' : m))}/`;
  if (v instanceof PRef) return v.toString();
  return v.args.length ? `${v.name}[${v.args.map(literal).join(', ')}]` : v.name;
}

/** The Puppet type name of a value, for error messages (`expects an Integer value, got String`). */
export function typeName(v: PValue): string {
  if (v === null) return 'Undef';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Float';
  if (v instanceof PFloat) return 'Float';
  if (typeof v === 'boolean') return 'Boolean';
  if (v instanceof PDefault) return 'Default';
  if (Array.isArray(v)) return 'Array';
  if (v instanceof PHash) return 'Hash';
  if (v instanceof RegExp) return 'Regexp';
  if (v instanceof PRef) return 'Resource';
  return 'Type';
}

/** Whether `v` is an instance of type `t`. Types we do not model accept anything. */
export function matchesType(v: PValue, t: PType): boolean {
  const a = t.args;
  switch (t.name) {
    case 'Any':
      return true;
    case 'String':
      return typeof v === 'string';
    case 'Integer':
      return typeof v === 'number' && Number.isInteger(v) && inRange(v, a);
    case 'Float':
      return v instanceof PFloat && inRange(v.value, a);
    case 'Numeric':
      return numValue(v) !== undefined;
    case 'Boolean':
      return typeof v === 'boolean';
    case 'Undef':
      return v === null;
    case 'Scalar':
      return ['string', 'number', 'boolean'].includes(typeof v) || v instanceof PFloat || v instanceof RegExp;
    case 'Data':
    case 'ScalarData':
      return !(v instanceof PRef || v instanceof PType || v instanceof RegExp);
    case 'Array':
      return Array.isArray(v) && (!(a[0] instanceof PType) || v.every((x) => matchesType(x, a[0] as PType)));
    case 'Hash':
      return v instanceof PHash && (!(a[1] instanceof PType) || v.entries().every(([, x]) => matchesType(x, a[1] as PType)));
    case 'Optional':
      return v === null || !(a[0] instanceof PType) || matchesType(v, a[0]);
    case 'NotUndef':
      return v !== null;
    case 'Variant':
      return a.some((x) => x instanceof PType && matchesType(v, x));
    case 'Enum':
      return typeof v === 'string' && a.some((x) => x === v);
    case 'Pattern':
      return typeof v === 'string' && a.some((x) => (x instanceof RegExp ? x : new RegExp(String(x))).test(v));
    case 'Regexp':
      return v instanceof RegExp;
    default:
      return true;
  }
}

function inRange(v: number, a: PValue[]): boolean {
  const lo = numValue(a[0]) ?? -Infinity;
  const hi = numValue(a[1]) ?? Infinity;
  return v >= lo && v <= hi;
}

/** A value as catalog JSON (what `puppet catalog compile` writes for parameters). */
export function toJson(v: PValue): unknown {
  if (v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof PFloat) return v.value;
  if (Array.isArray(v)) return v.map(toJson);
  if (v instanceof PHash) return Object.fromEntries(v.entries().map(([k, x]) => [toStr(k), toJson(x)]));
  return toStr(v);
}
