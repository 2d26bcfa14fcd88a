// Ports of Go's strconv parsing and quoting, with Go's error texts
// (`strconv.ParseInt: parsing "x": invalid syntax`).

import { goQuote } from '../../../types/value.js';

export class NumError extends Error {
  constructor(func: string, num: string, why: string) {
    super(`strconv.${func}: parsing ${goQuote(num)}: ${why}`);
  }
}

const lower = (c: string): string => c.toLowerCase();

/** Go's underscoreOK: underscores only between digits (or after a base prefix). */
function underscoreOK(s0: string): boolean {
  let s = s0;
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(lower(s[1]))) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseUint's digits, for ParseInt (the sign is already removed). */
function parseUint(s0: string, s: string, base: number, bitSize: number, fn: string): bigint {
  if (s === '') throw new NumError(fn, s0, 'invalid syntax');
  const base0 = base === 0;
  if (base0) {
    base = 10;
    if (s[0] === '0') {
      if (s.length >= 3 && lower(s[1]) === 'b') [base, s] = [2, s.slice(2)];
      else if (s.length >= 3 && lower(s[1]) === 'o') [base, s] = [8, s.slice(2)];
      else if (s.length >= 3 && lower(s[1]) === 'x') [base, s] = [16, s.slice(2)];
      else [base, s] = [8, s.slice(1)];
    }
  } else if (base < 2 || base > 36) {
    throw new NumError(fn, s0, `invalid base ${base}`);
  }
  const max = (1n << BigInt(bitSize)) - 1n;
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    let d: number;
    if (c === '_' && base0) {
      underscores = true;
      continue;
    } else if (c >= '0' && c <= '9') d = c.charCodeAt(0) - 48;
    else if (lower(c) >= 'a' && lower(c) <= 'z') d = lower(c).charCodeAt(0) - 87;
    else throw new NumError(fn, s0, 'invalid syntax');
    if (d >= base) throw new NumError(fn, s0, 'invalid syntax');
    n = n * BigInt(base) + BigInt(d);
    if (n > max) throw new NumError(fn, s0, 'value out of range');
  }
  if (underscores && !underscoreOK(s0)) throw new NumError(fn, s0, 'invalid syntax');
  return n;
}

/** strconv.ParseInt (bitSize 0 means 64); `fn` names the function in errors (Atoi). */
export function parseInt(s: string, base: number, bitSize: number, fn = 'ParseInt'): bigint {
  if (s === '') throw new NumError(fn, s, 'invalid syntax');
  if (bitSize === 0) bitSize = 64;
  else if (bitSize < 0 || bitSize > 64) throw new NumError(fn, s, `invalid bit size ${bitSize}`);
  const neg = s[0] === '-';
  const body = s[0] === '+' || s[0] === '-' ? s.slice(1) : s;
  const cutoff = 1n << BigInt(bitSize - 1);
  let un: bigint;
  try {
    un = parseUint(s, body, base, 64, fn);
  } catch (err) {
    if (err instanceof NumError && err.message.endsWith('value out of range')) throw new NumError(fn, s, 'value out of range');
    throw err;
  }
  if ((!neg && un >= cutoff) || (neg && un > cutoff)) throw new NumError(fn, s, 'value out of range');
  return neg ? -un : un;
}

const DEC_FLOAT = /^[+-]?(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F_]*)\.?([0-9a-fA-F_]*)[pP]([+-]?\d[\d_]*)$/;

/** strconv.ParseFloat: decimal, hex (0x1p-2), inf/infinity/nan; bitSize 32 rounds to float32. */
export function parseFloat(s: string, bitSize: number): number {
  const bad = (why: string): NumError => new NumError('ParseFloat', s, why);
  let v: number;
  const special = lower(s);
  if (/^[+-]?(inf|infinity)$/.test(special)) v = special[0] === '-' ? -Infinity : Infinity;
  else if (special === 'nan') v = NaN;
  else if (DEC_FLOAT.test(s) && /\d/.test(s)) {
    if (s.includes('_') && !underscoreOK(s)) throw bad('invalid syntax');
    v = Number(s.replace(/_/g, ''));
    if (!Number.isFinite(v)) throw bad('value out of range');
  } else {
    const m = HEX_FLOAT.exec(s);
    if (!m || (m[2] + m[3]).replace(/_/g, '') === '') throw bad('invalid syntax');
    if (s.includes('_') && !underscoreOK(s)) throw bad('invalid syntax');
    const intPart = m[2].replace(/_/g, '');
    const frac = m[3].replace(/_/g, '');
    const mant = BigInt('0x' + (intPart + frac || '0'));
    const exp = Number(m[4].replace(/_/g, '')) - 4 * frac.length;
    v = Number(mant) * 2 ** exp;
    if (!Number.isFinite(v)) v = Number(mant) * 2 ** (exp / 2) * 2 ** (exp - exp / 2);
    if (m[1] === '-') v = -v;
    if (!Number.isFinite(v)) throw bad('value out of range');
  }
  if (bitSize === 32) {
    const f = Math.fround(v);
    if (Number.isFinite(v) && !Number.isFinite(f)) throw bad('value out of range');
    return f;
  }
  return v;
}

const PRINT = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const GRAPHIC_SPACE = /^[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]$/u;
const NAMED: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };

/** strconv.QuoteToASCII ('ascii') and QuoteToGraphic ('graphic'). */
export function quoteWith(s: string, mode: 'ascii' | 'graphic'): string {
  let out = '"';
  for (const c of s) {
    const r = c.codePointAt(0)!;
    if (c === '"' || c === '\\') {
      out += '\\' + c;
      continue;
    }
    const printable = c === ' ' || PRINT.test(c);
    if (mode === 'ascii' ? r < 0x80 && printable : printable || GRAPHIC_SPACE.test(c)) {
      out += c;
      continue;
    }
    if (NAMED[c]) out += NAMED[c];
    else if (r < 0x20 || r === 0x7f) out += '\\x' + r.toString(16).padStart(2, '0');
    else if (r >= 0xd800 && r <= 0xdfff) out += '\\ufffd';
    else if (r < 0x10000) out += '\\u' + r.toString(16).padStart(4, '0');
    else out += '\\U' + r.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** strconv.CanBackquote. */
export function canBackquote(s: string): boolean {
  for (const c of s) {
    const r = c.codePointAt(0)!;
    if (r === 0xfeff || (r >= 0xd800 && r <= 0xdfff)) return false;
    if ((r < 0x20 && c !== '\t') || c === '`' || r === 0x7f) return false;
  }
  return true;
}

const SYNTAX = 'invalid syntax';

/** strconv.Unquote: "…", '…' (one rune) or `…`. Throws Error('invalid syntax'). */
export function unquote(s: string): string {
  const fail = (): never => {
    throw new Error(SYNTAX);
  };
  if (s.length < 2) fail();
  const q = s[0];
  if (q !== s[s.length - 1]) fail();
  const body = s.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) fail();
    return body.replace(/\r/g, '');
  }
  if (q !== '"' && q !== "'") fail();
  if (body.includes('\n')) fail();
  const bytes: number[] = [];
  const pushRune = (r: number): void => {
    for (const b of Buffer.from(String.fromCodePoint(r), 'utf8')) bytes.push(b);
  };
  const runes = [...body];
  let count = 0;
  for (let i = 0; i < runes.length; ) {
    const c = runes[i];
    count++;
    if (c === q && q === '"') fail();
    if (c === "'" && q === "'") fail();
    if (c !== '\\') {
      pushRune(c.codePointAt(0)!);
      i++;
      continue;
    }
    const e = runes[i + 1];
    if (e === undefined) fail();
    i += 2;
    const hex = (n: number): number => {
      const h = runes.slice(i, i + n).join('');
      if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) fail();
      i += n;
      return parseInt16(h);
    };
    switch (e) {
      case 'a': bytes.push(7); break;
      case 'b': bytes.push(8); break;
      case 'f': bytes.push(12); break;
      case 'n': bytes.push(10); break;
      case 'r': bytes.push(13); break;
      case 't': bytes.push(9); break;
      case 'v': bytes.push(11); break;
      case '\\': bytes.push(92); break;
      case "'":
      case '"':
        if (e !== q) fail();
        bytes.push(e.charCodeAt(0));
        break;
      case 'x': {
        const v = hex(2);
        // In a rune literal a \x escape is a code point; in a string, a raw byte.
        if (q === "'") pushRune(v);
        else bytes.push(v);
        break;
      }
      case 'u':
      case 'U': {
        const v = hex(e === 'u' ? 4 : 8);
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) fail();
        pushRune(v);
        break;
      }
      default: {
        if (e < '0' || e > '7') fail();
        const o = runes.slice(i - 1, i + 2).join('');
        if (!/^[0-7]{3}$/.test(o)) fail();
        const v = Number.parseInt(o, 8);
        if (v > 255) fail();
        i += 2;
        if (q === "'") pushRune(v);
        else bytes.push(v);
      }
    }
  }
  if (q === "'" && count !== 1) fail();
  return Buffer.from(bytes).toString('utf8');
}

function parseInt16(h: string): number {
  return Number.parseInt(h, 16);
}

/** strconv.QuotedPrefix: the quoted string at the start of s. */
export function quotedPrefix(s: string): string {
  const q = s[0];
  let end = -1;
  if (q === '`') end = s.indexOf('`', 1);
  else if (q === '"' || q === "'") {
    for (let i = 1; i < s.length; i++) {
      if (s[i] === '\\') i++;
      else if (s[i] === q) {
        end = i;
        break;
      } else if (s[i] === '\n') break;
    }
  }
  if (end < 0) throw new Error(SYNTAX);
  const prefix = s.slice(0, end + 1);
  unquote(prefix);
  return prefix;
}
