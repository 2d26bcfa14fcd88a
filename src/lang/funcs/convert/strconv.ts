// Go's strconv parsing rules and error texts, for the convert module.

import { goQuote } from '../../types/value.js';

export class ParseError extends Error {}

const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

function fail(fn: string, s: string, why: string): never {
  throw new ParseError(`strconv.${fn}: parsing ${goQuote(s)}: ${why}`);
}

/** strconv.ParseInt(s, 10, 64). */
export function parseInt64(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) fail('ParseInt', s, 'invalid syntax');
  const n = BigInt(s);
  if (n < MIN_INT64 || n > MAX_INT64) fail('ParseInt', s, 'value out of range');
  return n;
}

const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const HEX = /^([+-]?)0[xX]((?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+))[pP]([+-]?[0-9]+)$/;

/** strconv.ParseFloat(s, 64): decimal, hex with a `p` exponent, inf/infinity/nan. */
export function parseFloat64(s: string): number {
  const lower = s.toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(lower)) return lower.startsWith('-') ? -Infinity : Infinity;
  if (lower === 'nan') return NaN;
  let f: number;
  if (DECIMAL.test(s)) {
    f = Number(s);
  } else {
    const m = HEX.exec(s);
    if (!m) fail('ParseFloat', s, 'invalid syntax');
    const [int, frac = ''] = m[2].split('.');
    const mant = Number.parseInt((int || '0') + frac, 16);
    f = mant * 2 ** (Number(m[3]) - 4 * frac.length);
    if (m[1] === '-') f = -f;
  }
  if (!Number.isFinite(f)) fail('ParseFloat', s, 'value out of range');
  return f;
}

/** strconv.ParseBool, with mcl's error text. */
export function parseBool(s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw new ParseError(`invalid bool: \`${s}\``);
}

/** Go's int64(f) on amd64: truncation, with NaN and out-of-range values giving the minimum. */
export function floatToInt64(f: number): bigint {
  if (Number.isNaN(f) || f >= 2 ** 63 || f < -(2 ** 63)) return MIN_INT64;
  return BigInt(Math.trunc(f));
}
