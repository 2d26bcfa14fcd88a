// Calling library functions directly, without the compiler: a minimal call
// context whose solved type comes from a type string.

import { Registry } from '../../../src/lang/funcs/registry.js';
import type { CallContext, FuncDef, FuncType, ModuleDef, RuntimeEnv, StreamContext } from '../../../src/lang/funcs/registry.js';
import { parseType } from '../../../src/lang/types/type.js';
import type { Type } from '../../../src/lang/types/type.js';
import type { Value } from '../../../src/lang/types/value.js';

export function testEnv(): RuntimeEnv {
  return { hostname: 'h1', deployRoot: '/tmp/deploy', localDir: '/tmp/local', registry: new Registry(), args: [] };
}

/** The signature to run a call with: the given one, else the def's only signature. */
function callType(def: FuncDef, type?: string): FuncType {
  const src = type ?? (typeof def.sig === 'string' ? def.sig : undefined);
  if (!src) throw new Error(`${def.name}: give the solved type of the call`);
  const t = parseType(src);
  if (t.k !== 'func') throw new Error(`not a func type: ${src}`);
  return t as FuncType;
}

export function ctxFor(def: FuncDef, type?: string): CallContext {
  return { type: callType(def, type), env: testEnv(), base: '/' };
}

/** Run a pure function. */
export function call(def: FuncDef, args: Value[], type?: string): Value {
  if (!def.fn) throw new Error(`${def.name} is not a pure function`);
  return def.fn(args, ctxFor(def, type));
}

/** Run a stream for `ms` milliseconds and return what it emitted. */
export async function collect(def: FuncDef, args: Value[], ms: number, type?: string): Promise<Value[]> {
  if (!def.stream) throw new Error(`${def.name} is not a stream`);
  const seen: Value[] = [];
  const ac = new AbortController();
  const ctx: StreamContext = {
    ...ctxFor(def, type),
    emit: (v) => seen.push(v),
    fail: (e) => {
      throw e;
    },
    signal: ac.signal,
  };
  def.stream(args, ctx);
  await new Promise((r) => setTimeout(r, ms));
  ac.abort();
  return seen;
}

/** A FuncDef by name from a module. */
export function fn(mod: ModuleDef, name: string): FuncDef {
  const def = mod.funcs.find((f) => f.name === name);
  if (!def) throw new Error(`no ${mod.path}.${name}`);
  return def;
}

/** A fresh-type-variable source for infer(). */
export function freshVars(): () => Type {
  let n = 0;
  return () => ({ k: 'var', id: ++n });
}
