// golang/math: Go's math package (table of wrappers, see table.ts). Left out:
// functions with several results (Frexp, Modf, Sincos, Lgamma) or uint/float32
// parameters (Float64bits …), and the special functions without a JS
// counterpart (Erf*, Gamma, Bessel J/Y) rather than approximate them.

import type { Value } from '../../../types/value.js';
import { goModule } from './table.js';
import type { GoFunc } from './table.js';

const F = (v: Value): number => v as number;
const I = (v: Value): number => Number(v as bigint);

const view = new DataView(new ArrayBuffer(8));
const bits = (x: number): bigint => {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
};
const fromBits = (b: bigint): number => {
  view.setBigUint64(0, BigInt.asUintN(64, b));
  return view.getFloat64(0);
};

const signbit = (x: number): boolean => (bits(x) >> 63n) === 1n;

/** Round half away from zero (JS Math.round rounds half up). */
function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const t = Math.trunc(x);
  const r = Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
  return r === 0 ? (signbit(x) ? -0 : 0) : r;
}

function roundToEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const t = Math.trunc(x);
  const d = Math.abs(x - t);
  let r = t;
  if (d > 0.5 || (d === 0.5 && t % 2 !== 0)) r = t + Math.sign(x);
  return r === 0 ? (signbit(x) ? -0 : 0) : r;
}

/** IEEE 754 remainder: x - n*y with n the integer nearest x/y, ties to even. */
function remainder(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y) || !Number.isFinite(x) || y === 0) return NaN;
  if (!Number.isFinite(y)) return x;
  const neg = signbit(x);
  const ay = Math.abs(y);
  let r = Math.abs(x) % ay;
  // Whether the truncated quotient is odd: look at the remainder modulo 2y.
  const odd = Number.isFinite(2 * ay) && Math.abs(x) % (2 * ay) >= ay;
  if (2 * r > ay || (2 * r === ay && odd)) r -= ay;
  return neg ? -r : r;
}

/** The binary exponent of x (Go's Logb / Ilogb), normalised mantissa in [1, 2). */
function ilogb(x: number): number {
  const e = Number((bits(x) >> 52n) & 0x7ffn);
  if (e === 0) return Math.floor(Math.log2(Math.abs(x)));
  return e - 1023;
}

function logb(x: number): number {
  if (x === 0) return -Infinity;
  if (!Number.isFinite(x)) return Infinity;
  if (Number.isNaN(x)) return x;
  return ilogb(x);
}

function ilogbGo(x: number): bigint {
  const MIN = -(2n ** 31n);
  const MAX = 2n ** 31n - 1n;
  if (x === 0) return MIN;
  if (Number.isNaN(x)) return MAX;
  if (!Number.isFinite(x)) return MAX;
  return BigInt(ilogb(x));
}

function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  // Scale in steps so neither the factor nor an intermediate overflows early.
  let r = frac;
  let e = exp;
  while (e > 1000) {
    r *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    r *= 2 ** -1000;
    e += 1000;
  }
  return r * 2 ** e;
}

function nextafter(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === y) return x;
  if (x === 0) return y > 0 ? fromBits(1n) : -fromBits(1n);
  const b = bits(x);
  return fromBits((y > x) === (x > 0) ? b + 1n : b - 1n);
}

function copysign(f: number, sign: number): number {
  return fromBits((bits(f) & ~(1n << 63n)) | (bits(sign) & (1n << 63n)));
}

function dim(x: number, y: number): number {
  const v = x - y;
  return v <= 0 ? 0 : v;
}

function pow10(n: number): number {
  if (n < -323) return 0;
  if (n > 308) return Infinity;
  return Number(`1e${n}`);
}

function isInf(f: number, sign: number): boolean {
  return (sign >= 0 && f === Infinity) || (sign <= 0 && f === -Infinity);
}

const f1 = (go: string, fn: (x: number) => number): GoFunc => ({ go, sig: 'func(x float) float', fn: ([x]) => fn(F(x)) });
const f2 = (go: string, a: string, b: string, fn: (x: number, y: number) => number): GoFunc => ({
  go,
  sig: `func(${a} float, ${b} float) float`,
  fn: ([x, y]) => fn(F(x), F(y)),
});

export const funcs: GoFunc[] = [
  f1('Abs', Math.abs),
  f1('Acos', Math.acos),
  f1('Acosh', Math.acosh),
  f1('Asin', Math.asin),
  f1('Asinh', Math.asinh),
  f1('Atan', Math.atan),
  f2('Atan2', 'y', 'x', Math.atan2),
  f1('Atanh', Math.atanh),
  f1('Cbrt', Math.cbrt),
  f1('Ceil', Math.ceil),
  f2('Copysign', 'f', 'sign', copysign),
  f1('Cos', Math.cos),
  f1('Cosh', Math.cosh),
  f2('Dim', 'x', 'y', dim),
  f1('Exp', Math.exp),
  f1('Exp2', (x) => 2 ** x),
  f1('Expm1', Math.expm1),
  f1('Floor', Math.floor),
  f2('Hypot', 'p', 'q', Math.hypot),
  { go: 'Ilogb', sig: 'func(x float) int', fn: ([x]) => ilogbGo(F(x)) },
  { go: 'Inf', sig: 'func(sign int) float', fn: ([s]) => (I(s) >= 0 ? Infinity : -Infinity) },
  { go: 'IsInf', sig: 'func(f float, sign int) bool', fn: ([f, s]) => isInf(F(f), I(s)) },
  { go: 'IsNaN', sig: 'func(f float) bool', fn: ([f]) => Number.isNaN(F(f)) },
  { go: 'Ldexp', sig: 'func(frac float, exp int) float', fn: ([f, e]) => ldexp(F(f), I(e)) },
  f1('Log', Math.log),
  f1('Log10', Math.log10),
  f1('Log1p', Math.log1p),
  f1('Log2', Math.log2),
  f1('Logb', logb),
  f2('Max', 'x', 'y', Math.max),
  f2('Min', 'x', 'y', Math.min),
  f2('Mod', 'x', 'y', (x, y) => x % y),
  { go: 'NaN', sig: 'func() float', fn: () => NaN },
  f2('Nextafter', 'x', 'y', nextafter),
  f2('Pow', 'x', 'y', (x, y) => (x === 1 || y === 0 ? 1 : x === -1 && !Number.isFinite(y) ? 1 : x ** y)),
  { go: 'Pow10', sig: 'func(n int) float', fn: ([n]) => pow10(I(n)) },
  f2('Remainder', 'x', 'y', remainder),
  f1('Round', round),
  f1('RoundToEven', roundToEven),
  { go: 'Signbit', sig: 'func(x float) bool', fn: ([x]) => signbit(F(x)) },
  f1('Sin', Math.sin),
  f1('Sinh', Math.sinh),
  f1('Sqrt', Math.sqrt),
  f1('Tan', Math.tan),
  f1('Tanh', Math.tanh),
  f1('Trunc', Math.trunc),
];

export const module = goModule('math', funcs);
