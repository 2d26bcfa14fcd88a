// Calling library functions outside the engine, for the host/deploy/world
// module tests: a RuntimeEnv on temp dirs, pure calls, and stream runs that
// collect what was emitted.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseType } from '../../../src/lang/types/type.js';
import { Registry } from '../../../src/lang/funcs/registry.js';
import type { CallContext, FuncDef, FuncType, ModuleDef, RuntimeEnv } from '../../../src/lang/funcs/registry.js';
import type { Value } from '../../../src/lang/types/value.js';

export function makeEnv(over: Partial<RuntimeEnv> = {}): RuntimeEnv {
  const root = mkdtempSync(join(tmpdir(), 'mgmt-funcs-'));
  return {
    hostname: 'h1',
    deployRoot: join(root, 'deploy'),
    localDir: join(root, 'local'),
    registry: new Registry(),
    args: ['run', 'x.mcl'],
    ...over,
  };
}

export function find(mod: ModuleDef, name: string): FuncDef {
  const f = mod.funcs.find((d) => d.name === name);
  if (!f) throw new Error(`no ${mod.path}.${name}`);
  return f;
}

function ctxFor(def: FuncDef, env: RuntimeEnv, base: string): CallContext {
  const sig = Array.isArray(def.sig) ? def.sig[0] : def.sig!;
  return { type: parseType(sig) as FuncType, env, base };
}

/** Calls a pure function. */
export function call(def: FuncDef, args: Value[], env: RuntimeEnv = makeEnv(), base = '/'): Value {
  if (!def.fn) throw new Error(`${def.name} is not pure`);
  return def.fn(args, ctxFor(def, env, base));
}

export interface StreamRun {
  values: Value[];
  errors: Error[];
  stop(): void;
  /** Resolves once `n` values have been emitted (or rejects after `ms`). */
  until(n: number, ms?: number): Promise<void>;
  untilError(n: number, ms?: number): Promise<void>;
}

/** Starts a stream function; call stop() when done. */
export function start(def: FuncDef, args: Value[], env: RuntimeEnv = makeEnv(), base = '/', type?: FuncType): StreamRun {
  if (!def.stream) throw new Error(`${def.name} is not a stream`);
  const ac = new AbortController();
  const values: Value[] = [];
  const errors: Error[] = [];
  const wait = (get: () => number, n: number, ms: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const t0 = Date.now();
      const tick = (): void => {
        if (get() >= n) resolve();
        else if (Date.now() - t0 > ms) reject(new Error(`timed out waiting for ${n}, have ${get()}`));
        else setTimeout(tick, 10);
      };
      tick();
    });
  def.stream(args, {
    ...ctxFor(def, env, base),
    ...(type ? { type } : {}),
    emit: (v) => values.push(v),
    fail: (e) => errors.push(e),
    signal: ac.signal,
  });
  return {
    values,
    errors,
    stop: () => ac.abort(),
    until: (n, ms = 3000) => wait(() => values.length, n, ms),
    untilError: (n, ms = 3000) => wait(() => errors.length, n, ms),
  };
}
