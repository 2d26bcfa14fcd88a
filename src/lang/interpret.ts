// Interpret: one pass of the function engine's values over the output
// statements → a resource graph. Resources are built, checked (meta params,
// Validate), de-duplicated (§7.7 of the reference), and wired with their edges
// and send/recv; a cycle is an error.

import { LangError } from './errors.js';
import type { Note, Span } from './errors.js';
import { Frame, FunctionEngine, Raised, RunTimeOnly } from './fgraph.js';
import { cannotRun, cycleText, fieldSpan, findCycle, notOneOf } from './validate.js';
import type { IEdgeHalf, IExpr, IStmt } from './ir.js';
import { ResourceGraph, vertexId } from '../engine/graph.js';
import type { Vertex } from '../engine/graph.js';
import { getKind } from '../resources/index.js';
import { cmpWith } from '../resources/common.js';
import { DEFAULT_META } from '../resources/kind.js';
import type { IntWidth, KindDef, MetaParams, ParamDef } from '../resources/kind.js';
import { META_FIELDS, validateMeta } from '../resources/meta.js';
import { MapValue, StructValue, formatValue, valueEqual } from './types/value.js';
import type { Value } from './types/value.js';
import { vertexOf } from '../world/resources.js';
import type { ExportedResource } from '../world/world.js';

interface PendingEdge {
  from: { kind: string; name: string };
  to: { kind: string; name: string };
  notify: boolean;
  span: Span;
  /** For send/recv: the keys. */
  send?: string;
  recv?: string;
}

const INT_RANGES: Record<IntWidth, [bigint, bigint]> = {
  int: [-(2n ** 63n), 2n ** 63n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  int8: [-128n, 127n],
  int16: [-32768n, 32767n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  rune: [-(2n ** 31n), 2n ** 31n - 1n],
  uint: [0n, 2n ** 64n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  uint8: [0n, 255n],
  byte: [0n, 255n],
  uint16: [0n, 65535n],
  uint32: [0n, 2n ** 32n - 1n],
};

function interpretError(msg: string, span?: Span): LangError {
  return new LangError('errInterpret', msg, span);
}

export interface InterpretOptions {
  /**
   * `mgmt check`: go on after an error (each statement on its own), skip what
   * needs a value known only at run time (noted), and reject kinds that cannot run.
   */
  check?: boolean;
}

export class Interpreter {
  private readonly graph = new ResourceGraph();
  /** With `check`: every error found, in source order. */
  readonly errors: LangError[] = [];
  /** With `check`: what could not be built without running, and why. */
  readonly runtime: Note[] = [];
  /** Where the first edge statement between two resources is: `from\0to` → span. */
  private readonly edgeSpans = new Map<string, Span>();
  /** Non-hidden vertices by `kind[name]`. */
  private readonly byId = new Map<string, Vertex>();
  private readonly hidden: Vertex[] = [];
  private readonly edges: PendingEdge[] = [];
  private readonly exported = new Map<string, Vertex>();

  constructor(
    private readonly fe: FunctionEngine,
    private readonly opts: InterpretOptions = {},
  ) {}

  run(stmts: IStmt[]): ResourceGraph {
    const root = this.fe.beginPass();
    this.stmts(stmts, root);
    this.fe.endPass();
    this.wireEdges();
    if (!this.graph.topoSort()) this.fail(this.cycleError());
    return this.graph;
  }

  /** A cycle names its resources; the place is the edge statement that closes it, the others are notes. */
  private cycleError(): LangError {
    const cycle = findCycle(this.graph) ?? [];
    const spans = cycle.slice(1).map((to, i) => ({ from: cycle[i], to, span: this.edgeSpans.get(`${vertexId(cycle[i])}\0${vertexId(to)}`) }));
    const closing = [...spans].reverse().find((x) => x.span);
    const notes = spans
      .filter((x) => x.span && x !== closing)
      .map((x) => ({ span: x.span, message: `edge ${vertexId(x.from)} -> ${vertexId(x.to)}` }));
    const text = cycle.length ? `resource graph has cycles: not a dag: ${cycleText(cycle)}` : 'resource graph has cycles: not a dag';
    return new LangError('errInterpret', text, closing?.span, { notes });
  }

  /** Throw, or with `check` keep the error and go on. */
  private fail(err: LangError): void {
    if (!this.opts.check) throw err;
    this.errors.push(err);
  }

  /** With `check`, one statement's error or unknown value does not stop the others. */
  private guarded(s: IStmt, f: () => void): void {
    if (!this.opts.check) return f();
    try {
      f();
    } catch (e) {
      if (e instanceof RunTimeOnly) {
        this.skipped = true;
        const why = e.effect === 'writes' ? 'it changes the machine, so check does not call it' : 'it reads the World store, which only a running agent has';
        this.runtime.push({ span: s.span, message: `${stmtWhat(s)} depends on \`${e.func}\`, whose value is known only at run time (${why})` });
        return;
      }
      this.skipped = true;
      if (e instanceof LangError) this.errors.push(e);
      else if (e instanceof Raised) this.errors.push(e.toLangError());
      else throw e;
    }
  }

  /** Something was left out (an error or a run-time value): a missing edge end may be that. */
  private skipped = false;

  /** Evaluate at a sink: an uncaught error is errStream with the raising expression's byline. */
  private value(e: IExpr, frame: Frame): Value {
    try {
      return this.fe.eval(e, frame);
    } catch (err) {
      if (err instanceof Raised) throw err.toLangError();
      throw err;
    }
  }

  private names(e: IExpr, frame: Frame): string[] {
    const v = this.value(e, frame);
    return Array.isArray(v) ? (v as string[]) : [v as string];
  }

  private stmts(stmts: IStmt[], frame: Frame): void {
    for (const s of stmts) this.guarded(s, () => this.stmt(s, frame));
  }

  private stmt(s: IStmt, frame: Frame): void {
    switch (s.k) {
      case 'res':
        if (s.collect) return this.collect(s, frame);
        for (const name of this.names(s.name, frame)) this.resource(s, name, frame);
        return;
      case 'edge':
        return this.edge(s, frame);
      case 'if':
        return this.stmts(this.value(s.cond, frame) ? s.then : s.else, frame);
      case 'for': {
        const list = this.value(s.expr, frame) as Value[];
        list.forEach((v, i) => this.stmts(s.body, new Frame(s.ctx, frame, [BigInt(i), v], `${frame.key}/${s.ctx.id}:${i}`)));
        return;
      }
      case 'forkv': {
        const m = this.value(s.expr, frame) as MapValue;
        m.sorted().forEach(({ key, value }, i) => this.stmts(s.body, new Frame(s.ctx, frame, [key, value], `${frame.key}/${s.ctx.id}:${i}`)));
        return;
      }
    }
  }

  /**
   * `collect KIND NAME {…}` (§7.8): each exported resource of KIND whose name
   * (and host, for []struct{name; host} names) matches becomes a resource
   * here: its exporter's params and meta, `export` cleared, the body on top.
   */
  private collect(s: IStmt & { k: 'res' }, frame: Frame): void {
    const names = this.value(s.name, frame);
    const wanted = (Array.isArray(names) ? names : [names]).map((n) =>
      n instanceof StructValue ? { name: n.get('name') as string, host: n.get('host') as string } : { name: n as string, host: undefined },
    );
    if (!wanted.length || !s.source) return;
    const offered = this.value(s.source, frame) as StructValue[];
    for (const o of offered) {
      const name = o.get('name') as string;
      const host = o.get('host') as string;
      if (!wanted.some((w) => w.name === name && (w.host === undefined || w.host === host))) continue;
      let v: Vertex;
      try {
        v = vertexOf(JSON.parse(o.get('data') as string) as ExportedResource);
      } catch (e) {
        throw interpretError(`cannot collect ${s.resKind}[${name}] from ${host}: ${(e as Error).message}`, s.span);
      }
      v.span = s.span;
      this.resource(s, name, frame, v);
    }
  }

  private resource(s: IStmt & { k: 'res' }, name: string, frame: Frame, collected?: Vertex): void {
    const kind = getKind(s.resKind);
    if (!kind) {
      throw interpretError(
        `error building resource: cannot create resource kind \`${s.resKind}\` with name \`${name}\`: no resource kind \`${s.resKind}\` available`,
        s.span,
      );
    }
    const v: Vertex = collected ?? { kind: s.resKind, name, params: new Map(), meta: { ...DEFAULT_META, sema: [], export: [] }, span: s.span };
    const selfEdges: PendingEdge[] = [];
    for (const it of s.items) {
      if (it.cond && !this.value(it.cond, frame)) continue;
      switch (it.k) {
        case 'field': {
          const p = kind.params.find((x) => x.name === it.name)!;
          v.params.set(it.name, this.store(p, this.value(it.value, frame), it.span));
          break;
        }
        case 'meta':
          this.meta(v.meta, it.property, this.value(it.value, frame));
          break;
        case 'edgeprop':
          for (const other of this.names(it.half.name, frame)) {
            const o = { kind: it.half.resKind, name: other };
            const self = { kind: s.resKind, name };
            const out = it.property === 'before' || it.property === 'notify';
            const notify = it.property === 'notify' || it.property === 'listen';
            selfEdges.push(out ? { from: self, to: o, notify, span: s.span } : { from: o, to: self, notify, span: s.span });
          }
          break;
      }
    }
    this.validate(kind, v, s);
    if (this.opts.check && !v.meta.hidden) {
      const why = cannotRun(kind);
      if (why) throw new LangError('errValidate', `${vertexId(v)}: ${why}`, s.kindSpan);
    }
    this.add(kind, v, s.span);
    this.edges.push(...selfEdges);
  }

  /** Convert a value into a param, with Go's integer range rules. */
  private store(p: ParamDef, value: Value, span: Span): Value {
    if (typeof value === 'bigint' && p.int) {
      const [lo, hi] = INT_RANGES[p.int];
      if (value < 0n && lo === 0n) throw interpretError(`error building resource: can't store negative int \`${value}\` into unsigned \`${p.int}\` field`, span);
      if (value < lo || value > hi) throw interpretError(`error building resource: can't store int \`${value}\` into \`${p.int}\` field: will overflow it`, span);
    }
    return value;
  }

  private meta(meta: MetaParams, property: string | undefined, value: Value): void {
    if (property === undefined) {
      for (const [k, x] of (value as StructValue).fields) this.meta(meta, k, x);
      return;
    }
    const f = META_FIELDS.find((m) => m.name === property);
    if (!f) return;
    const m = meta as unknown as Record<string, unknown>;
    if (typeof value === 'bigint') m[property] = Number(value);
    else m[property] = value;
  }

  private validate(kind: KindDef, v: Vertex, s: IStmt & { k: 'res' }): void {
    const span = s.span;
    const id = vertexId(v);
    if (v.name === '') throw interpretError('resource name is empty', span);
    const bad = validateMeta(v.meta);
    if (bad) throw interpretError(`${id} did not Validate: the Res has an invalid meta param: ${bad}`, span);
    if (v.meta.hidden) return;
    if (v.name.startsWith('$') && !v.meta.dollar) throw interpretError(`${id} did not Validate: the Res name starts with a $`, span);
    const one = notOneOf(kind, v);
    const reason = one?.reason ?? kind.validate?.(v);
    if (reason) throw interpretError(`${id} did not Validate: ${reason}`, fieldSpan(kind, s.items, reason, s.name.span, one?.param) ?? span);
  }

  /** Add a vertex, merging duplicates per §7.7. */
  private add(kind: KindDef, v: Vertex, span: Span): void {
    const id = vertexId(v);
    for (const host of v.meta.export) {
      const key = `${id}@${host}`;
      const prev = this.exported.get(key);
      if (prev) {
        const why = this.differs(kind, prev, v);
        if (why) throw interpretError(`inequivalent duplicate export: ${id} to ${host}: ${why}`, span);
      } else this.exported.set(key, v);
    }
    if (v.meta.hidden) {
      if (!this.hidden.some((h) => vertexId(h) === id && !this.differs(kind, h, v))) {
        this.hidden.push(v);
        this.graph.addVertex(v);
      }
      return;
    }
    const prev = this.byId.get(id);
    if (!prev) {
      this.byId.set(id, v);
      this.graph.addVertex(v);
      return;
    }
    if (kind.merge) {
      const merged = kind.merge(prev, v);
      if (typeof merged === 'string') throw interpretError(`incompatible duplicate resource \`${id}\` found: ${merged}`, span);
      prev.params = merged.params;
      return;
    }
    const why = this.differs(kind, prev, v);
    if (why) {
      const notes = prev.span ? [{ span: prev.span, message: `the other \`${id}\`` }] : [];
      throw new LangError('errInterpret', `inequivalent duplicate resource \`${id}\` found: ${why}`, span, { notes });
    }
  }

  private differs(kind: KindDef, a: Vertex, b: Vertex): string | undefined {
    const why = kind.cmp ? kind.cmp(a, b) : cmpWith(kind, a, b);
    if (why) return why;
    for (const f of META_FIELDS) {
      const x = a.meta[f.name] as Value;
      const y = b.meta[f.name] as Value;
      if (!valueEqual(x, y)) return `the MetaParams differ: ${f.name} is ${formatValue(x)} vs ${formatValue(y)}`;
    }
    return undefined;
  }

  private edge(s: IStmt & { k: 'edge' }, frame: Frame): void {
    const halves = s.halves.map((h: IEdgeHalf) => ({ h, names: this.names(h.name, frame) }));
    for (let i = 0; i + 1 < halves.length; i++) {
      const a = halves[i];
      const b = halves[i + 1];
      for (const x of a.names) {
        for (const y of b.names) {
          this.edges.push({
            from: { kind: a.h.resKind, name: x },
            to: { kind: b.h.resKind, name: y },
            notify: false,
            span: s.span,
            send: a.h.field,
            recv: b.h.field,
          });
        }
      }
    }
  }

  private lookup(r: { kind: string; name: string }, span: Span): Vertex {
    const v = this.byId.get(`${r.kind}[${r.name}]`) ?? this.hidden.find((h) => h.kind === r.kind && h.name === r.name);
    if (!v) throw interpretError(`edge cannot find resource kind: ${r.kind} named: \`${r.name}\``, span);
    return v;
  }

  private wireEdges(): void {
    for (const e of this.edges) {
      let from: Vertex;
      let to: Vertex;
      try {
        from = this.lookup(e.from, e.span);
        to = this.lookup(e.to, e.span);
      } catch (err) {
        if (!this.opts.check || !(err instanceof LangError)) throw err;
        // A resource check could not build (an error already reported, or a run-time value) may be the missing end.
        if (this.skipped) this.runtime.push({ span: e.span, message: `edge not checked: ${err.detail}, and check could not build every resource` });
        else this.errors.push(err);
        continue;
      }
      const key = `${vertexId(from)}\0${vertexId(to)}`;
      if (!this.edgeSpans.has(key)) this.edgeSpans.set(key, e.span);
      this.graph.addEdge(from, to, e.notify);
      if (e.send === undefined || e.recv === undefined) continue;
      if (from.meta.hidden) {
        this.fail(interpretError(`cannot send from hidden resource: ${vertexId(from)}`, e.span));
        continue;
      }
      to.recv ??= new Map();
      const prev = to.recv.get(e.recv);
      if (prev && (prev.from !== from || prev.key !== e.send)) {
        this.fail(interpretError(`resource: \`${vertexId(to)}\` has duplicate receive on: \`${e.recv}\` param`, e.span));
        continue;
      }
      to.recv.set(e.recv, { from, key: e.send });
    }
  }
}

export function interpret(fe: FunctionEngine, stmts: IStmt[]): ResourceGraph {
  return new Interpreter(fe).run(stmts);
}

/** How a note names a statement: `file resource`, `edge`, `if`. */
function stmtWhat(s: IStmt): string {
  switch (s.k) {
    case 'res':
      return `${s.resKind} resource`;
    case 'edge':
      return 'edge';
    case 'if':
      return 'if statement';
    default:
      return 'for loop';
  }
}

