// An index of the scoped program for editor queries: every expression of one
// file (with its solved type) and every name reference (with the binding it
// resolves to), findable by offset. Unused binds are resolved here too, so
// that go-to-definition works inside them (their types stay unknown: Unify
// never visits them).

import type { Span } from '../lang/errors.js';
import type { Compiled } from '../lang/index.js';
import type { Binding, IEdgeHalf, IExpr, IResItem, IStmt } from '../lang/ir.js';
import type { Type } from '../lang/types/type.js';

export class IrIndex {
  /** Expressions of this file, in the order found. */
  readonly exprs: IExpr[] = [];
  private readonly seen = new Set<IExpr>();

  constructor(
    readonly compiled: Compiled,
    readonly file: string,
  ) {
    for (const s of compiled.scoped.stmts) this.stmt(s);
    for (const b of compiled.scoped.binds) {
      if (b.k !== 'bind') continue;
      try {
        this.expr(b.expr());
      } catch {
        // An unused bind with a scope error: Unify never saw it, nor will we.
      }
    }
  }

  type(e: IExpr): Type | undefined {
    return this.compiled.typing.types.get(e);
  }

  /** The innermost expression of this file whose span holds the offset. */
  at(offset: number, accept: (e: IExpr) => boolean = () => true): IExpr | undefined {
    let best: IExpr | undefined;
    for (const e of this.exprs) {
      if (e.span.start <= offset && offset < e.span.end && accept(e)) {
        if (!best || width(e.span) < width(best.span) || (width(e.span) === width(best.span) && !this.type(best) && this.type(e))) best = e;
      }
    }
    return best;
  }

  /** Every reference to the binding (uses), in this file. */
  refsTo(b: Binding): IExpr[] {
    return this.exprs.filter((e) => e.k === 'ref' && e.binding === b);
  }

  private stmt(s: IStmt): void {
    switch (s.k) {
      case 'res':
        this.expr(s.name);
        for (const it of s.items) this.item(it);
        return;
      case 'edge':
        for (const h of s.halves) this.half(h);
        return;
      case 'if':
        this.expr(s.cond);
        for (const x of [...s.then, ...s.else]) this.stmt(x);
        return;
      case 'for':
      case 'forkv':
        this.expr(s.expr);
        for (const x of s.body) this.stmt(x);
        return;
    }
  }

  private item(it: IResItem): void {
    if (it.cond) this.expr(it.cond);
    if (it.k === 'edgeprop') this.half(it.half);
    else this.expr(it.value);
  }

  private half(h: IEdgeHalf): void {
    this.expr(h.name);
  }

  private expr(e: IExpr): void {
    if (this.seen.has(e)) return;
    this.seen.add(e);
    if (e.span.file === this.file) this.exprs.push(e);
    switch (e.k) {
      case 'const':
      case 'ref':
        return;
      case 'interp':
        for (const p of e.parts) if (typeof p !== 'string') this.expr(p);
        return;
      case 'list':
        e.elems.forEach((x) => this.expr(x));
        return;
      case 'map':
        for (const x of e.entries) {
          this.expr(x.key);
          this.expr(x.value);
        }
        return;
      case 'struct':
        for (const f of e.fields) this.expr(f.value);
        return;
      case 'lambda':
        this.expr(e.body);
        return;
      case 'call':
        e.args.forEach((x) => this.expr(x));
        return;
      case 'callfunc':
        e.args.forEach((x) => this.expr(x));
        this.expr(e.body);
        return;
      case 'callvalue':
        this.expr(e.callee);
        e.args.forEach((x) => this.expr(x));
        return;
      case 'if':
        this.expr(e.cond);
        this.expr(e.then);
        this.expr(e.else);
        return;
      case 'op':
        e.args.forEach((x) => this.expr(x));
        return;
      case 'index':
        this.expr(e.obj);
        this.expr(e.index);
        return;
      case 'field':
        this.expr(e.obj);
        if (e.def) this.expr(e.def);
        return;
      case 'except':
        this.expr(e.left);
        this.expr(e.right);
        return;
    }
  }
}

function width(s: Span): number {
  return s.end - s.start;
}
