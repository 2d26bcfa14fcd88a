// The core function library's registry: what one builtin function declares,
// and how modules (`strings`, `golang/strings`, ...) are looked up by name.
// One file per function under funcs/<module>/ exports a FuncDef; the module's
// index.ts lists them.

import type { Type } from '../types/type.js';
import type { Value } from '../types/value.js';
import type { World } from '../../world/world.js';

/** A catchable run-time error: `a <|> b` turns it into `b`'s value. */
export class CatchableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatchableError';
  }
}

/** A fatal run-time error of a function (errStream); `<|>` does not catch it. */
export class FatalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FatalError';
  }
}

/** Raised by custom inference when a call can't be typed; becomes errUnify ``func `NAME` infer error: MSG``. */
export class InferError extends Error {}

export type FuncType = Type & { k: 'func' };

/** What a function sees of the world it runs in. */
export interface RuntimeEnv {
  hostname: string;
  /** Absolute local directory that plays the part of the deploy root `/`. */
  deployRoot: string;
  /** Absolute local directory for `local.*` state (vardir, pool). */
  localDir: string;
  /** Look up any registered function (golang.template exposes them to templates). */
  registry: Registry;
  /** Program arguments for os.args(). */
  args: string[];
  /** The World store when the program runs in an agent (`mgmt run`); absent for `graph` and `check`. */
  world?: World;
  /**
   * Told of every local path a deploy.* function read, so that a running
   * program watches exactly those: `seen` is what the function found (the
   * text, or undefined for a missing file), absent when it read no text.
   */
  onDeployRead?: (localPath: string, seen?: { text: string | undefined }) => void;
  /** `mgmt check`: functions with an `effect` are not called; their values are unknown (RunTimeOnly). */
  check?: boolean;
}

export interface CallContext {
  /** The solved type of this call site: argument types and result type. */
  type: FuncType;
  env: RuntimeEnv;
  /** The calling module's directory inside the deploy (`/` or `/mod1/`), for deploy.*. */
  base: string;
}

export interface StreamContext extends CallContext {
  /** Emit the next value of the stream. */
  emit(v: Value): void;
  /** Fail the stream: a CatchableError is catchable by `<|>`, anything else is fatal. */
  fail(err: Error): void;
  /** Aborted when the stream's inputs change or the program stops: release resources then. */
  signal: AbortSignal;
}

/** What custom inference is told about one argument at a call site. */
export interface InferArg {
  /** The argument's type so far (may hold type variables). */
  type: Type;
  /** The argument's value when known at compile time (a literal or a var bound to one). */
  value?: Value;
  /** Its type as known before unification (upstream's partial type): literals, annotations, struct fields. */
  spec?: Type;
}

export interface FuncDef {
  /** The name within its module: `to_upper`, `printf`. */
  name: string;
  /**
   * The signature in mcl syntax, e.g. `func(a str) str`. Type variables are
   * written `?a`; each call site gets fresh ones. Several signatures make an
   * overload set, resolved once the argument types are known.
   */
  sig?: string | string[];
  /** For functions whose type depends on static arguments (printf, decode_json, template). */
  infer?: (args: InferArg[], fresh: () => Type) => FuncType;
  /**
   * `infer` fails only on facts known before unification (values, `spec`):
   * it also runs then, so its errors come first, as upstream's do.
   */
  inferEarly?: boolean;
  /** Rejects a solved call type with a message (e.g. `len` of an int). */
  check?: (type: FuncType) => string | undefined;
  /** A pure function: called again whenever an argument changes. */
  fn?: (args: Value[], ctx: CallContext) => Value;
  /** A source: emits values over time; called again (after aborting) when an argument changes. */
  stream?: (args: Value[], ctx: StreamContext) => void;
  /**
   * What calling it does beyond reading: `writes` when it changes the machine
   * or runs a program (local.pool, os.system), `world` when its value comes
   * from the cluster's World store. `mgmt check` runs every other function to
   * learn the program's values, but never these: their values are known only
   * when the program runs. Unmarked functions only compute or read.
   */
  effect?: 'writes' | 'world';
  /** One line of documentation for users (hover, --help). */
  doc: string;
}

export interface ModuleDef {
  /** The import path: `strings`, `golang/strings`, `world/collect`. */
  path: string;
  funcs: FuncDef[];
  /** Variables the module provides (`$os.family_debian`). */
  vars?: Record<string, Value>;
  /** mcl source that is part of the module (funcs, binds and classes written in mcl). */
  mcl?: string;
}

export class Registry {
  private readonly modules = new Map<string, ModuleDef>();

  register(mod: ModuleDef): void {
    const have = this.modules.get(mod.path);
    if (!have) {
      this.modules.set(mod.path, { ...mod, funcs: [...mod.funcs] });
      return;
    }
    have.funcs.push(...mod.funcs);
    have.vars = { ...have.vars, ...mod.vars };
    if (mod.mcl) have.mcl = (have.mcl ?? '') + mod.mcl;
  }
  module(path: string): ModuleDef | undefined {
    return this.modules.get(path);
  }
  /** `lookup('strings', 'to_upper')`; top-level builtins live in module ''. */
  lookup(path: string, name: string): FuncDef | undefined {
    return this.modules.get(path)?.funcs.find((f) => f.name === name);
  }
  allModules(): ModuleDef[] {
    return [...this.modules.values()];
  }
}
