// Building golang/* modules from tables of Go standard-library functions.
//
// Upstream generates these wrappers from the Go packages; here each package
// file is a hand-written table of the Go functions whose parameters and
// results mcl can express (bool/string/int/int64/float64/[]byte/[]string in,
// bool/string/int/int64/float64/[]byte out, `[]byte` as str), each entry
// naming the Go function, its mcl signature and a port of its behaviour.
// A Go error result or a Go panic becomes a FatalError.

import { FatalError } from '../../registry.js';
import type { CallContext, FuncDef, ModuleDef } from '../../registry.js';
import type { Value } from '../../../types/value.js';

export interface GoFunc {
  /** The Go name: `TrimSpace`. */
  go: string;
  /** The mcl signature, argument names as in Go: `func(s str) str`. */
  sig: string;
  fn: (args: Value[], ctx: CallContext) => Value;
}

/**
 * snake_case of a Go name: a word starts at an upper-case letter that follows
 * a lower-case letter or digit, or that ends a run of capitals before a
 * lower-case letter. TrimSpace → trim_space, NumCPU → num_cpu,
 * GOROOT → goroot, QuoteToASCII → quote_to_ascii, Float64 → float64.
 */
export function snakeCase(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    const prev = name[i - 1] ?? '';
    const next = name[i + 1] ?? '';
    const isUpper = (x: string): boolean => x >= 'A' && x <= 'Z';
    const isLower = (x: string): boolean => x >= 'a' && x <= 'z';
    const isDigit = (x: string): boolean => x >= '0' && x <= '9';
    if (i > 0 && isUpper(c) && (isLower(prev) || isDigit(prev) || (isUpper(prev) && isLower(next)))) out += '_';
    out += c.toLowerCase();
  }
  return out;
}

/** Runs a Go-style body: plain Errors (Go errors and panics) become fatal. */
function guarded(f: GoFunc): FuncDef['fn'] {
  return (args, ctx) => {
    try {
      return f.fn(args, ctx);
    } catch (err) {
      if (err instanceof FatalError) throw err;
      throw new FatalError((err as Error).message);
    }
  };
}

export function goModule(pkg: string, funcs: GoFunc[]): ModuleDef {
  return {
    path: `golang/${pkg}`,
    funcs: funcs.map((f) => ({
      name: snakeCase(f.go),
      sig: f.sig,
      fn: guarded(f),
      doc: `Go's ${pkg}.${f.go}.`,
    })),
  };
}

/** A Go panic, as a fatal error. */
export function goPanic(msg: string): never {
  throw new FatalError(msg);
}
