// Puppet values as the evaluator holds them, with Puppet's semantics for
// truthiness, equality (strings compare case-insensitively), string
// conversion (interpolation), and a small type matcher for typed parameters.

export type PValue = string | number | boolean | null | PDefault | PValue[] | PHash | RegExp | PRef | PType;

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
  const cap = (s: string) => s.split('::').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('::');
  return `${cap(type)}[${type === 'class' ? cap(title) : title}]`;
}

function hashKey(v: PValue): string {
  return typeof v === 'string' ? 's' + v : 'v' + toStr(v, true);
}

/** Only undef and false are false. */
export const truthy = (v: PValue): boolean => v !== null && v !== false;

/** Puppet's `==`: strings case-insensitive, numbers by value, collections deeply. */
export function equals(a: PValue, b: PValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equals(x, b[i]));
  if (a instanceof PHash && b instanceof PHash) return a.size === b.size && a.entries().every(([k, v]) => b.has(k) && equals(v, b.get(k)!));
  if (a instanceof PRef && b instanceof PRef) return a.key === b.key;
  if (a instanceof RegExp && b instanceof RegExp) return a.source === b.source;
  if (a instanceof PType && b instanceof PType) return a.name === b.name && a.args.length === b.args.length && a.args.every((x, i) => equals(x, b.args[i]));
  return a === b;
}

/** The string a value interpolates as; `quoted` quotes strings (inside arrays and hashes). */
export function toStr(v: PValue, quoted = false): string {
  if (v === null) return quoted ? 'undef' : '';
  if (typeof v === 'string') return quoted ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof PDefault) return 'default';
  if (Array.isArray(v)) return `[${v.map((x) => toStr(x, true)).join(', ')}]`;
  if (v instanceof PHash) return `{${v.entries().map(([k, x]) => `${toStr(k, true)} => ${toStr(x, true)}`).join(', ')}}`;
  if (v instanceof RegExp) return `/${v.source}/`;
  if (v instanceof PRef) return v.toString();
  return v.args.length ? `${v.name}[${v.args.map((x) => toStr(x, true)).join(', ')}]` : v.name;
}

/** The Puppet type name of a value, for error messages (`expects an Integer value, got String`). */
export function typeName(v: PValue): string {
  if (v === null) return 'Undef';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Float';
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
      return typeof v === 'number' && inRange(v, a);
    case 'Numeric':
      return typeof v === 'number';
    case 'Boolean':
      return typeof v === 'boolean';
    case 'Undef':
      return v === null;
    case 'Scalar':
      return ['string', 'number', 'boolean'].includes(typeof v) || v instanceof RegExp;
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
  const lo = typeof a[0] === 'number' ? a[0] : -Infinity;
  const hi = typeof a[1] === 'number' ? a[1] : Infinity;
  return v >= lo && v <= hi;
}

/** A value as catalog JSON (what `puppet catalog compile` writes for parameters). */
export function toJson(v: PValue): unknown {
  if (v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(toJson);
  if (v instanceof PHash) return Object.fromEntries(v.entries().map(([k, x]) => [toStr(k), toJson(x)]));
  return toStr(v);
}
