// The reactive function engine. Every expression instance is a node whose
// value is a function of its inputs; source functions (datetime.now,
// os.readfile, …) are streams that push new values over time. Instead of
// materialising a DAG of goroutine-like nodes as upstream does, the engine
// keeps the latest value of every stream and recomputes the program's table
// of values in one pass whenever a stream emits (see docs/design.md): pure
// functions are cheap, binds are computed once per pass, and untaken `if`
// branches and the right side of an `<|>` that is not needed are never
// evaluated.

import { byline, LangError } from './errors.js';
import type { Span } from './errors.js';
import { CatchableError, FatalError } from './funcs/registry.js';
import type { CallContext, FuncType, RuntimeEnv, StreamContext } from './funcs/registry.js';
import type { Binding, Ctx, IExpr, ScopedProgram } from './ir.js';
import type { Typing } from './types/infer.js';
import { FuncValue, MapValue, StructValue, formatValue, valueEqual, valueKey, wrapInt } from './types/value.js';
import type { Value } from './types/value.js';

/** An error raised while evaluating, with the span of the expression that raised it. */
export class Raised extends Error {
  constructor(
    override readonly cause: Error,
    readonly span: Span,
  ) {
    super(cause.message);
  }
  get catchable(): boolean {
    return this.cause instanceof CatchableError;
  }
  /** errStream with the original text and byline. */
  toLangError(): LangError {
    return new LangError('errStream', this.cause.message, this.span);
  }
}

/** Thrown when a stream has not produced its first value yet. */
export class NotReady extends Error {}

/**
 * Thrown under `mgmt check` by a call to a function that writes or reads the
 * World: its value exists only when the program runs. The interpreter skips
 * what needs it and says so.
 */
export class RunTimeOnly extends Error {
  constructor(
    readonly func: string,
    readonly effect: 'writes' | 'world',
    readonly span: Span,
  ) {
    super(func);
  }
}

/** One live context: the top level, one loop iteration, or one lambda call. */
export class Frame {
  readonly cache = new Map<number, { value: Value } | { error: Raised }>();
  constructor(
    readonly ctx: Ctx,
    readonly parent: Frame | undefined,
    readonly params: Value[],
    /** Stable across passes: identifies stream instances inside loops and lambdas. */
    readonly key: string,
  ) {}

  find(ctx: Ctx): Frame {
    for (let f: Frame | undefined = this; f; f = f.parent) if (f.ctx === ctx) return f;
    throw new Error(`internal error: no frame for context ${ctx.id}`);
  }
}

interface StreamState {
  argsKey: string;
  abort: AbortController;
  latest?: { value: Value } | { error: Error };
}

export class FunctionEngine {
  private readonly streams = new Map<string, StreamState>();
  /** Streams touched during the current pass; the others are stopped after it. */
  private touched = new Set<string>();
  private waiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    readonly prog: ScopedProgram,
    readonly typing: Typing,
    readonly env: RuntimeEnv,
    /** Called whenever a stream emits after its first value: time for a new pass. */
    private readonly onChange: () => void = () => {},
  ) {}

  /** A fresh root frame for one pass over the program. */
  beginPass(): Frame {
    this.touched = new Set();
    return new Frame(this.prog.root, undefined, [], '');
  }

  /** Stop streams no longer reached by the last pass (an `if` went the other way…). */
  endPass(): void {
    for (const [key, s] of this.streams) {
      if (!this.touched.has(key)) {
        s.abort.abort();
        this.streams.delete(key);
      }
    }
  }

  /** Resolves when some stream emits (or fails). */
  nextEvent(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    for (const s of this.streams.values()) s.abort.abort();
    this.streams.clear();
    for (const w of this.waiters.splice(0)) w();
  }

  // ------------------------------------------------------------ evaluation

  binding(b: Binding, frame: Frame): Value {
    switch (b.k) {
      case 'const':
        return b.value;
      case 'param':
        return frame.find(b.ctx).params[b.index];
      case 'bind':
      case 'arg': {
        const home = frame.find(b.ctx);
        const have = home.cache.get(b.id);
        if (have) {
          if ('error' in have) throw have.error;
          return have.value;
        }
        try {
          const value = this.eval(b.k === 'bind' ? b.expr() : b.expr, home);
          home.cache.set(b.id, { value });
          return value;
        } catch (e) {
          if (e instanceof Raised) home.cache.set(b.id, { error: e });
          throw e;
        }
      }
    }
  }

  eval(e: IExpr, frame: Frame): Value {
    switch (e.k) {
      case 'const':
        return e.value;
      case 'interp': {
        let s = '';
        for (const p of e.parts) s += typeof p === 'string' ? p : (this.eval(p, frame) as string);
        return s;
      }
      case 'list':
        return e.elems.map((x) => this.eval(x, frame));
      case 'map': {
        const m = new MapValue();
        for (const x of e.entries) m.set(this.eval(x.key, frame), this.eval(x.value, frame));
        return m;
      }
      case 'struct':
        return new StructValue(e.fields.map((f) => [f.name, this.eval(f.value, frame)]));
      case 'lambda':
        return new FuncValue(
          'lambda',
          (args) => this.eval(e.body, new Frame(e.ctx, frame, args, `${frame.key}/λ${e.ctx.id}:${args.map(valueKey).join(',')}`)),
          e.params.length,
        );
      case 'ref':
        return this.binding(e.binding, frame);
      case 'call':
        return this.call(e, frame);
      case 'callfunc':
        return this.eval(e.body, frame);
      case 'callvalue': {
        const f = this.eval(e.callee, frame);
        const args = e.args.map((a) => this.eval(a, frame));
        if (!(f instanceof FuncValue)) throw new Raised(new FatalError(`cannot call a value of kind ${typeof f}`), e.span);
        return this.guard(() => f.call(args), e.span);
      }
      case 'if':
        return this.eval(e.cond, frame) ? this.eval(e.then, frame) : this.eval(e.else, frame);
      case 'op':
        return this.guard(() => this.op(e, frame), e.span);
      case 'index':
        return this.index(e, frame);
      case 'field': {
        const obj = this.eval(e.obj, frame) as StructValue;
        if (obj.has(e.field)) return obj.get(e.field)!;
        if (e.def) return this.eval(e.def, frame);
        throw new Raised(new FatalError(`field ${e.field} was not found in struct`), e.span);
      }
      case 'except':
        try {
          return this.eval(e.left, frame);
        } catch (err) {
          if (err instanceof Raised && err.catchable) return this.eval(e.right, frame);
          throw err;
        }
    }
  }

  /** Run `f`, turning a function's own error into a Raised at `span` (a Raised from deeper keeps its span). */
  private guard<R>(f: () => R, span: Span): R {
    try {
      return f();
    } catch (err) {
      if (err instanceof Raised || err instanceof NotReady || err instanceof RunTimeOnly) throw err;
      if (err instanceof LangError) throw err;
      if (err instanceof Error) throw new Raised(err, span);
      throw new Raised(new FatalError(String(err)), span);
    }
  }

  private callContext(e: IExpr & { k: 'call' }): CallContext {
    const type = this.typing.calls.get(e);
    if (!type) throw new Error(`internal error: call ${e.fullName} has no type`);
    return { type: type as FuncType, env: this.env, base: e.module.base };
  }

  private call(e: IExpr & { k: 'call' }, frame: Frame): Value {
    const args = e.args.map((a) => this.eval(a, frame));
    const def = e.def;
    if (def.effect && this.env.check) throw new RunTimeOnly(e.fullName, def.effect, e.span);
    const ctx = this.callContext(e);
    if (def.fn) return this.guard(() => def.fn!(args, ctx), e.span);
    if (!def.stream) throw new Raised(new FatalError(`func \`${e.fullName}\` has no implementation`), e.span);

    const key = `${e.id}@${frame.key}`;
    this.touched.add(key);
    const argsKey = args.map(valueKey).join('\u0000');
    let st = this.streams.get(key);
    if (!st || st.argsKey !== argsKey) {
      st?.abort.abort();
      st = this.startStream(e, args, ctx, argsKey, key);
    }
    const latest = st.latest;
    if (!latest) throw new NotReady(e.fullName);
    if ('error' in latest) throw new Raised(latest.error, e.span);
    return latest.value;
  }

  private startStream(e: IExpr & { k: 'call' }, args: Value[], ctx: CallContext, argsKey: string, key: string): StreamState {
    const abort = new AbortController();
    const st: StreamState = { argsKey, abort };
    this.streams.set(key, st);
    const notify = () => {
      for (const w of this.waiters.splice(0)) w();
      if (!this.stopped) this.onChange();
    };
    const sctx: StreamContext = {
      ...ctx,
      signal: abort.signal,
      emit: (value) => {
        if (abort.signal.aborted) return;
        const prev = st.latest;
        st.latest = { value };
        if (!prev || !('value' in prev) || !valueEqual(prev.value, value)) notify();
      },
      fail: (error) => {
        if (abort.signal.aborted) return;
        st.latest = { error };
        notify();
      },
    };
    try {
      e.def.stream!(args, sctx);
    } catch (err) {
      st.latest = { error: err instanceof Error ? err : new FatalError(String(err)) };
    }
    return st;
  }

  // ------------------------------------------------------------ operators

  private op(e: IExpr & { k: 'op' }, frame: Frame): Value {
    if (e.op === 'not') return !this.eval(e.args[0], frame);
    const a = this.eval(e.args[0], frame);
    const b = this.eval(e.args[1], frame);
    switch (e.op) {
      case 'and':
        return (a as boolean) && (b as boolean);
      case 'or':
        return (a as boolean) || (b as boolean);
      case 'in':
        return (b as Value[]).some((x) => valueEqual(a, x));
      case '==':
        return valueEqual(a, b);
      case '!=':
        return !valueEqual(a, b);
      case '<':
        return (a as number) < (b as number);
      case '>':
        return (a as number) > (b as number);
      case '<=':
        return (a as number) <= (b as number);
      case '>=':
        return (a as number) >= (b as number);
      case '+':
        if (typeof a === 'bigint') return wrapInt(a + (b as bigint));
        if (typeof a === 'string' || typeof a === 'number') return (a as number) + (b as number);
        throw new FatalError(`unsupported kind: ${kindOf(a)}`);
      case '-':
        if (typeof a === 'bigint') return wrapInt(a - (b as bigint));
        if (typeof a === 'number') return a - (b as number);
        throw new FatalError(`unsupported kind: ${kindOf(a)}`);
      case '*':
        if (typeof a === 'bigint') return wrapInt(a * (b as bigint));
        if (typeof a === 'number') return a * (b as number);
        throw new FatalError(`unsupported kind: ${kindOf(a)}`);
      case '/': {
        const x = Number(a);
        const y = Number(b);
        if (y === 0) throw new CatchableError(`can't divide by zero`);
        return x / y;
      }
    }
  }

  private index(e: IExpr & { k: 'index' }, frame: Frame): Value {
    const obj = this.eval(e.obj, frame);
    const idx = this.eval(e.index, frame);
    if (Array.isArray(obj)) {
      const i = idx as bigint;
      if (i < 0n) throw new Raised(new CatchableError(`list index negative, got: ${i}`), e.span);
      if (i >= BigInt(obj.length)) {
        throw new Raised(new CatchableError(`list index not present, got: ${i}, len is: ${obj.length}, in: ${formatValue(obj)}`), e.span);
      }
      return obj[Number(i)];
    }
    const m = obj as MapValue;
    const v = m.get(idx);
    if (v === undefined) throw new Raised(new CatchableError(`map key not present, want: ${formatValue(idx)} in ${formatValue(m)}`), e.span);
    return v;
  }
}

function kindOf(v: Value): string {
  return typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'list' : typeof v;
}

export { byline };
