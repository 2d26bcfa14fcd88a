// fmt.printf: Go-style formatting with mcl's small verb set (format-string.ts).
// A statically known format fixes the signature at unification; otherwise the
// arguments are typed by use only and checked when the function runs.

import { FatalError, InferError } from '../registry.js';
import type { FuncDef, FuncType, InferArg, CallContext } from '../registry.js';
import { T, kindName, typeString } from '../../types/type.js';
import type { FuncArg, Type } from '../../types/type.js';
import { formatFloat, formatValueV, goQuote, valueKind } from '../../types/value.js';
import type { Value } from '../../types/value.js';
import { FormatError, parseFormat, verbType } from './format-string.js';
import type { Verb } from './format-string.js';

/** upstream's argument names after `format`: a, b, …, z, aa, ab, … */
function argName(i: number): string {
  let name = '';
  let n = i;
  do {
    name = String.fromCharCode(97 + (n % 26)) + name;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return name;
}

function infer(args: InferArg[], fresh: () => Type): FuncType {
  if (args.length === 0) throw new InferError('must have at least one arg');
  const format = args[0].value;
  const rest = args.slice(1);
  const fnType = (types: Type[]): FuncType =>
    T.func([{ name: 'format', type: T.str }, ...types.map((type, i): FuncArg => ({ name: argName(i), type }))], T.str) as FuncType;
  if (typeof format !== 'string') return fnType(rest.map(() => fresh()));

  let verbs: Verb[];
  try {
    verbs = parseFormat(format).verbs;
  } catch (e) {
    if (e instanceof FormatError) throw new InferError(`could not parse format string: ${e.message}`);
    throw e;
  }
  if (verbs.length !== rest.length) {
    throw new InferError(`number of args (${rest.length}) doesn't match format string verb count (${verbs.length})`);
  }
  const types = verbs.map((verb, i) => {
    const want = verbType(verb);
    if (!want) return fresh();
    // Only a static argument's type, or one known before unification, is
    // certain: a call's type so far may be a speculative overload pick
    // (math.fortytwo() is int or float).
    const { value, spec } = rest[i];
    const have = value !== undefined ? rest[i].type : spec;
    if (have && have.k !== 'var' && have.k !== want.k) {
      throw new InferError(`inconsistent type at arg index ${i + 1}: type error: ${kindName(have)} != ${kindName(want)}`);
    }
    return want;
  });
  return fnType(types);
}

function render(verb: Verb, v: Value, type: Type | undefined): string {
  const want = verbType(verb);
  if (want && valueKind(v) !== want.k) {
    throw new FatalError(`unexpected type: base kind does not match (${want.k} != ${valueKind(v)})`);
  }
  switch (verb) {
    case 's':
      return v as string;
    case 'q':
      return goQuote(v as string);
    case 'd':
      return (v as bigint).toString();
    case 'f':
      return formatFloat(v as number);
    case 't':
      return v ? 'true' : 'false';
    case 'v':
      return formatValueV(v);
    case 'T':
      return type && type.k !== 'var' ? typeString(type) : valueKind(v);
  }
}

function run(args: Value[], ctx: CallContext): Value {
  const [format, ...values] = args;
  let parsed;
  try {
    parsed = parseFormat(format as string);
  } catch (e) {
    if (e instanceof FormatError) throw new FatalError(e.message);
    throw e;
  }
  const { parts, verbs } = parsed;
  if (verbs.length > values.length) throw new FatalError(`more specifiers (${verbs.length}) than values (${values.length})`);
  if (verbs.length < values.length) throw new FatalError(`more values (${values.length}) than specifiers (${verbs.length})`);
  let out = parts[0];
  verbs.forEach((verb, i) => {
    out += render(verb, values[i], ctx.type.args[i + 1]?.type) + parts[i + 1];
  });
  return out;
}

export const printf: FuncDef = {
  name: 'printf',
  infer,
  inferEarly: true,
  fn: run,
  doc: 'Formats its arguments with a Go-style format string (verbs %s %q %d %f %t %v %T, and %%).',
};
