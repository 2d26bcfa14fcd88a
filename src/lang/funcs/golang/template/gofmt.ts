// Go's fmt for template data: Sprint (how `{{ . }}` prints), Sprintln and
// Sprintf with verbs, flags, width and precision, and Go's error forms
// (`%!d(string=x)`, `%!d(MISSING)`, `%!(EXTRA int=1)`).

import { goQuote } from '../../../types/value.js';
import { goTypeName, TFunc, TMap, TRecord, type TV } from './data.js';

/** fmt.Sprint: operands are separated by a space when neither is a string. */
export function sprint(args: TV[]): string {
  let out = '';
  args.forEach((a, i) => {
    const isString = typeof a === 'string';
    if (i > 0 && !isString && typeof args[i - 1] !== 'string') out += ' ';
    out += formatArg(a, 'v', noFlags());
  });
  return out;
}

/** fmt.Sprintln: always spaces, then a newline. */
export function sprintln(args: TV[]): string {
  return args.map((a) => formatArg(a, 'v', noFlags())).join(' ') + '\n';
}

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
  /** %+v / %#v, which propagate into nested values. */
  plusV: boolean;
  sharpV: boolean;
}
const noFlags = (): Flags => ({ plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false });

/** fmt.Sprintf. */
export function sprintf(format: string, args: TV[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const end = format.length;
  // Parses `[n]`; returns the new arg index or -1 for a bad index.
  const argIndex = (): number | undefined => {
    if (format[i] !== '[') return undefined;
    reordered = true;
    const close = format.indexOf(']', i);
    const n = close < 0 ? NaN : Number(format.slice(i + 1, close));
    if (close < 0 || !/^\d+$/.test(format.slice(i + 1, close)) || n < 1 || n > args.length) {
      i = close < 0 ? end : close + 1;
      return -1;
    }
    i = close + 1;
    return n - 1;
  };
  let goodArgNum = true;
  const num = (): number | undefined => {
    const m = /^\d+/.exec(format.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return Number(m[0]);
  };
  while (i < end) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f = noFlags();
    goodArgNum = true;
    flags: for (; i < end; i++) {
      switch (format[i]) {
        case '#':
          f.sharp = true;
          break;
        case '0':
          f.zero = true;
          break;
        case '+':
          f.plus = true;
          break;
        case '-':
          f.minus = true;
          break;
        case ' ':
          f.space = true;
          break;
        default:
          break flags;
      }
    }
    let idx = argIndex();
    if (idx !== undefined) {
      if (idx < 0) goodArgNum = false;
      else argNum = idx;
    }
    if (format[i] === '*') {
      i++;
      const w = args[argNum++];
      if (typeof w === 'bigint') {
        f.width = Number(w);
        if (f.width < 0) {
          f.minus = true;
          f.width = -f.width;
        }
      } else out += '%!(BADWIDTH)';
    } else {
      f.width = num();
    }
    if (format[i] === '.') {
      i++;
      idx = argIndex();
      if (idx !== undefined) {
        if (idx < 0) goodArgNum = false;
        else argNum = idx;
      }
      if (format[i] === '*') {
        i++;
        const p = args[argNum++];
        if (typeof p === 'bigint' && p >= 0n) f.prec = Number(p);
        else out += '%!(BADPREC)';
      } else f.prec = num() ?? 0;
    }
    idx = argIndex();
    if (idx !== undefined) {
      if (idx < 0) goodArgNum = false;
      else argNum = idx;
    }
    if (i >= end) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (!goodArgNum) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    if (verb === 'v') {
      f.sharpV = f.sharp;
      f.sharp = false;
      f.plusV = f.plus;
      f.plus = false;
    }
    out += formatArg(args[argNum++], verb, f);
  }
  if (!reordered && argNum < args.length) {
    out += '%!(EXTRA ' + args.slice(argNum).map((a) => (a === null ? '<nil>' : `${goTypeName(a)}=${formatArg(a, 'v', noFlags())}`)).join(', ') + ')';
  }
  return out;
}

function pad(s: string, f: Flags, zeroOk = false): string {
  const w = f.width ?? 0;
  const len = [...s].length;
  if (len >= w) return s;
  const fill = w - len;
  if (f.minus) return s + ' '.repeat(fill);
  if (f.zero && zeroOk) {
    const sign = /^[+\- ]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

function badVerb(v: TV, verb: string): string {
  if (v === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${formatArg(v, 'v', noFlags())})`;
}

/** Format one operand with a verb, recursing into lists and maps like Go's printValue. */
export function formatArg(v: TV, verb: string, f: Flags, depth = 0): string {
  if (verb === 'T') return pad(goTypeName(v), f);
  if (v === null) {
    if (verb === 'v') return pad(depth > 0 && f.sharpV ? 'interface {}(nil)' : '<nil>', f);
    return badVerb(v, verb);
  }
  switch (typeof v) {
    case 'boolean':
      return verb === 't' || verb === 'v' ? pad(v ? 'true' : 'false', f) : badVerb(v, verb);
    case 'bigint':
      return fmtInt(v, verb, f);
    case 'number':
      return fmtFloat(v, verb, f);
    case 'string':
      return fmtString(v, verb, f);
  }
  if (v instanceof TFunc) return verb === 'v' || verb === 'p' ? pad('0xc000010000', f) : badVerb(v, verb);
  const inner = (x: TV) => formatArg(x, verb, { ...f, width: f.width, prec: f.prec }, depth + 1);
  if (Array.isArray(v)) {
    if (f.sharpV) return '[]interface {}{' + v.map(inner).join(', ') + '}';
    return '[' + v.map(inner).join(' ') + ']';
  }
  if (v instanceof TMap) {
    const es = v.sorted();
    if (f.sharpV) return goTypeName(v) + '{' + es.map((e) => `${inner(e.key)}:${inner(e.value)}`).join(', ') + '}';
    return 'map[' + es.map((e) => `${inner(e.key)}:${inner(e.value)}`).join(' ') + ']';
  }
  const r = v as TRecord;
  if (f.sharpV) return goTypeName(r) + '{' + r.fields.map(([n, x]) => `${n}:${inner(x)}`).join(', ') + '}';
  if (f.plusV) return '{' + r.fields.map(([n, x]) => `${n}:${inner(x)}`).join(' ') + '}';
  return '{' + r.fields.map(([, x]) => inner(x)).join(' ') + '}';
}

function fmtInt(n: bigint, verb: string, f: Flags): string {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'v':
    case 'd':
      digits = a.toString();
      break;
    case 'b':
      digits = a.toString(2);
      if (f.sharp) prefix = '0b';
      break;
    case 'o':
    case 'O':
      digits = a.toString(8);
      if (verb === 'O') prefix = '0o';
      else if (f.sharp && digits !== '0') prefix = '0';
      break;
    case 'x':
      digits = a.toString(16);
      if (f.sharp) prefix = '0x';
      break;
    case 'X':
      digits = a.toString(16).toUpperCase();
      if (f.sharp) prefix = '0X';
      break;
    case 'c':
      return pad(String.fromCodePoint(validRune(n)), f);
    case 'q': {
      const r = validRune(n);
      return pad(r === 0x27 ? "'\\''" : "'" + goQuote(String.fromCodePoint(r)).slice(1, -1).replace(/\\"/g, '"') + "'", f);
    }
    case 'U': {
      const s = 'U+' + a.toString(16).toUpperCase().padStart(4, '0');
      return pad(f.sharp && n <= 0x10ffffn ? `${s} '${String.fromCodePoint(Number(n))}'` : s, f);
    }
    default:
      return badVerb(n, verb);
  }
  if (f.prec !== undefined) {
    digits = f.prec === 0 && a === 0n ? '' : digits.padStart(f.prec, '0');
  }
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad(sign + prefix + digits, f, f.prec === undefined);
}

const validRune = (n: bigint): number => (n >= 0n && n <= 0x10ffffn && !(n >= 0xd800n && n < 0xe000n) ? Number(n) : 0xfffd);

function fmtString(s: string, verb: string, f: Flags): string {
  if (f.prec !== undefined && verb !== 'x' && verb !== 'X') s = [...s].slice(0, f.prec).join('');
  switch (verb) {
    case 'v':
      return pad(f.sharpV ? goQuote(s) : s, f);
    case 's':
      return pad(s, f);
    case 'q':
      if (f.sharp && !s.includes('`') && !/[\x00-\x08\x0b-\x1f\x7f]/.test(s)) return pad('`' + s + '`', f);
      return pad(f.plus ? asciiQuote(s) : goQuote(s), f);
    case 'x':
    case 'X': {
      let bytes = [...Buffer.from(s, 'utf8')];
      if (f.prec !== undefined) bytes = bytes.slice(0, f.prec);
      const hex = bytes.map((b) => b.toString(16).padStart(2, '0'));
      let out = f.space ? hex.map((h) => (f.sharp ? '0x' + h : h)).join(' ') : (f.sharp && hex.length ? '0x' : '') + hex.join('');
      if (verb === 'X') out = out.toUpperCase();
      return pad(out, f);
    }
    default:
      return badVerb(s, verb);
  }
}

function asciiQuote(s: string): string {
  return goQuote(s).replace(/[^\x00-\x7f]/gu, (c) => {
    const cp = c.codePointAt(0)!;
    return cp > 0xffff ? '\\U' + cp.toString(16).padStart(8, '0') : '\\u' + cp.toString(16).padStart(4, '0');
  });
}

/** Decimal digits and exponent of |x|: shortest round-trip, or `sig` significant digits. */
function digitsOf(x: number, sig?: number): { d: string; exp: number } {
  const e = sig === undefined ? x.toExponential() : x.toExponential(Math.max(sig - 1, 0));
  const [m, ex] = e.split('e');
  return { d: m.replace('.', ''), exp: Number(ex) };
}

function expForm(d: string, exp: number, upper: boolean, keepDot = false): string {
  const mant = d.length > 1 || keepDot ? d[0] + '.' + d.slice(1) : d;
  const es = Math.abs(exp).toString().padStart(2, '0');
  return mant + (upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + es;
}

function fixedForm(x: number, prec: number): string {
  if (Math.abs(x) < 1e21) return Math.abs(x).toFixed(prec);
  return BigInt(Math.abs(x)).toString() + (prec > 0 ? '.' + '0'.repeat(prec) : '');
}

/** strconv.FormatFloat(x, 'g', prec, 64) for |x|; prec undefined = shortest. */
export function formatG(x: number, prec?: number, upper = false): string {
  const a = Math.abs(x);
  if (a === 0) return '0';
  const p = prec === 0 ? 1 : prec;
  let { d, exp } = digitsOf(a, p);
  d = d.replace(/0+$/, '') || '0';
  let eprec = p ?? 6;
  if (p !== undefined && eprec > d.length && d.length >= exp + 1) eprec = d.length;
  if (p === undefined) eprec = 6;
  if (exp < -4 || exp >= eprec) return expForm(d, exp, upper);
  if (exp < 0) return '0.' + '0'.repeat(-exp - 1) + d;
  if (d.length <= exp + 1) return d + '0'.repeat(exp + 1 - d.length);
  return d.slice(0, exp + 1) + '.' + d.slice(exp + 1);
}

/** Go's %v of a float64 (also how `{{ . }}` prints floats): `3.14`, `42`, `1e+06`. */
export function formatFloatV(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  return (x < 0 || Object.is(x, -0) ? '-' : '') + formatG(x);
}

function fmtFloat(x: number, verb: string, f: Flags): string {
  let body: string;
  const neg = x < 0 || Object.is(x, -0);
  if (Number.isNaN(x) || !Number.isFinite(x)) {
    body = Number.isNaN(x) ? 'NaN' : 'Inf';
    const sign = Number.isNaN(x) ? (f.plus ? '+' : f.space ? ' ' : '') : neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
    if (verb === 'v' || 'eEfFgG'.includes(verb)) return pad(sign + body, { ...f, zero: false });
    return badVerb(x, verb);
  }
  const a = Math.abs(x);
  switch (verb) {
    case 'v':
    case 'g':
      body = formatG(a, f.prec);
      break;
    case 'G':
      body = formatG(a, f.prec, true);
      break;
    case 'e':
    case 'E': {
      const { d, exp } = a === 0 ? { d: '0'.repeat((f.prec ?? 6) + 1), exp: 0 } : digitsOf(a, (f.prec ?? 6) + 1);
      body = expForm(d, exp, verb === 'E', f.sharp);
      break;
    }
    case 'f':
    case 'F':
      body = fixedForm(a, f.prec ?? 6);
      if (f.sharp && !body.includes('.')) body += '.';
      break;
    default:
      return badVerb(x, verb);
  }
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad(sign + body, f, true);
}
