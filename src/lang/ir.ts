// The scoped program: what SetScope hands to Unify and to the evaluator.
//
// Every name is resolved to a Binding, every class `include` is a fresh copy
// of the class body, and every call of a `func` statement is a fresh copy of
// its body (that is how named functions are polymorphic while lambdas, loop
// variables and class parameters stay monomorphic). Nodes are created once
// per instantiation and never change afterwards; later stages keep their
// answers (types, values) in side tables keyed by node.

import type { Span } from './errors.js';
import type { FuncDef } from './funcs/registry.js';
import type { BinaryOp } from './ast.js';
import type { Type } from './types/type.js';
import type { Value } from './types/value.js';

/**
 * Where a binding's value is decided at run time. A loop body, a lambda body
 * and a func-statement call site each open a context; the root context is the
 * program's top level. The evaluator keeps one frame per live context.
 */
export interface Ctx {
  id: number;
  parent?: Ctx;
  what: 'root' | 'loop' | 'lambda';
}

export type Binding =
  /** `$x = expr`: one value and one type, shared by every use. */
  | { k: 'bind'; id: number; name: string; ctx: Ctx; expr: () => IExpr; type?: Type; span: Span; module: ModuleInfo }
  /**
   * A class or func-statement parameter bound to an include/call argument:
   * like a bind. `via` says which; `span` is the include statement for a
   * class, the parameter for a func.
   */
  | { k: 'arg'; id: number; name: string; ctx: Ctx; expr: IExpr; type?: Type; span: Span; via: 'include' | 'call' }
  /** A lambda parameter or loop variable: its value comes from the frame of `ctx`. */
  | { k: 'param'; id: number; name: string; ctx: Ctx; type?: Type; span: Span; index: number }
  /** A constant provided by the system (`$purpleidea`, `$const.…`, module vars). */
  | { k: 'const'; id: number; name: string; value: Value; type: Type };

/** Facts about the module a piece of code came from (deploy functions need its base dir). */
export interface ModuleInfo {
  /** The module's directory inside the deploy: `/` or `/mod1/`. */
  base: string;
  /** The file's path inside the deploy: `/main.mcl`. */
  file: string;
}

interface Base {
  id: number;
  span: Span;
}

export type IExpr =
  | (Base & { k: 'const'; value: Value; type: Type })
  | (Base & { k: 'interp'; parts: (string | IExpr)[] })
  | (Base & { k: 'list'; elems: IExpr[] })
  | (Base & { k: 'map'; entries: { key: IExpr; value: IExpr }[] })
  | (Base & { k: 'struct'; fields: { name: string; value: IExpr }[] })
  | (Base & { k: 'lambda'; ctx: Ctx; params: (Binding & { k: 'param' })[]; ret?: Type; body: IExpr })
  | (Base & { k: 'ref'; binding: Binding; name: string })
  /** A builtin function call; each call site gets its own instance of the function's type. */
  | (Base & { k: 'call'; def: FuncDef; fullName: string; args: IExpr[]; module: ModuleInfo })
  /** A call of a `func` statement: `body` is this call site's own copy, `params` bound to `args`. */
  | (Base & { k: 'callfunc'; name: string; params: (Binding & { k: 'arg' })[]; ret?: Type; body: IExpr; args: IExpr[] })
  /** A call of a function value: `$f(x)`, or an inline lambda. */
  | (Base & { k: 'callvalue'; callee: IExpr; args: IExpr[] })
  | (Base & { k: 'if'; cond: IExpr; then: IExpr; else: IExpr })
  | (Base & { k: 'op'; op: BinaryOp | 'not'; args: IExpr[] })
  | (Base & { k: 'index'; obj: IExpr; index: IExpr })
  | (Base & { k: 'field'; obj: IExpr; field: string; def?: IExpr })
  | (Base & { k: 'except'; left: IExpr; right: IExpr });

export interface IEdgeHalf {
  resKind: string;
  name: IExpr;
  field?: string;
  span: Span;
}

export type IResItem =
  | { k: 'field'; name: string; value: IExpr; cond?: IExpr; span: Span }
  | { k: 'edgeprop'; property: string; half: IEdgeHalf; cond?: IExpr; span: Span }
  | { k: 'meta'; property?: string; value: IExpr; cond?: IExpr; span: Span };

export type IStmt =
  /** `source`: for `collect`, the `_collect(kind)` call whose exported resources the statement takes in. */
  | { k: 'res'; resKind: string; name: IExpr; items: IResItem[]; collect: boolean; source?: IExpr; span: Span; kindSpan: Span }
  | { k: 'edge'; halves: IEdgeHalf[]; span: Span }
  | { k: 'if'; cond: IExpr; then: IStmt[]; else: IStmt[]; span: Span }
  | { k: 'for'; ctx: Ctx; expr: IExpr; index: Binding & { k: 'param' }; value: Binding & { k: 'param' }; body: IStmt[]; span: Span }
  | { k: 'forkv'; ctx: Ctx; expr: IExpr; key: Binding & { k: 'param' }; value: Binding & { k: 'param' }; body: IStmt[]; span: Span };

/** The output of SetScope. */
export interface ScopedProgram {
  stmts: IStmt[];
  root: Ctx;
  /** Every bind created (used or not): the evaluator may need to know them. */
  binds: Binding[];
}
