// The mcl abstract syntax tree: plain data, a discriminated union on `kind`.
// The parser builds it; later stages read it and keep their answers in side
// tables (scope, types), so one tree can be shared by a REPL line and its re-run.

import type { Span } from './errors.js';
import type { Type } from './types/type.js';

// ---------------------------------------------------------------- program

export interface Program {
  kind: 'program';
  body: Stmt[];
  span: Span;
}

/** A `{ ... }` statement block (if/else bodies, loop bodies, class bodies). */
export interface Block {
  kind: 'block';
  body: Stmt[];
  span: Span;
}

export interface Comment {
  /** The text after `#`, without the newline. */
  text: string;
  span: Span;
}

// ---------------------------------------------------------------- statements

export type Stmt =
  | StmtBind
  | StmtRes
  | StmtEdge
  | StmtIf
  | StmtFor
  | StmtForKV
  | StmtFunc
  | StmtClass
  | StmtInclude
  | StmtImport
  | StmtPanic;

/** `$name [type] = value` */
export interface StmtBind {
  kind: 'bind';
  name: string;
  nameSpan: Span;
  type?: Type;
  value: Expr;
  span: Span;
}

/** `kind name { items }`, or `collect kind name { items }` with `collect: true`. */
export interface StmtRes {
  kind: 'res';
  /** Lowercase, `:`-joined: `file`, `http:server:ui`. */
  resKind: string;
  kindSpan: Span;
  name: Expr;
  items: ResItem[];
  collect: boolean;
  span: Span;
}

export type ResItem = ResField | ResEdge | ResMeta;

/** `param => value,` or `param => cond ?: value,` */
export interface ResField {
  kind: 'field';
  name: string;
  value: Expr;
  cond?: Expr;
  span: Span;
}

/** `Before => Kind[name],` (also Depend, Notify, Listen; lowercased in `property`). */
export interface ResEdge {
  kind: 'edgeprop';
  property: string;
  half: EdgeHalf;
  cond?: Expr;
  span: Span;
}

/** `Meta:prop => value,` (`property` set) or `Meta => struct{...},` (`property` undefined). */
export interface ResMeta {
  kind: 'meta';
  property?: string;
  value: Expr;
  cond?: Expr;
  span: Span;
}

/** `Kind[name]`, optionally `.field` in a send/recv edge. */
export interface EdgeHalf {
  kind: 'edgehalf';
  /** Lowercase, `:`-joined resource kind. */
  resKind: string;
  name: Expr;
  /** The send or receive key of a send/recv pair. */
  field?: string;
  span: Span;
}

/** `A -> B -> C`, or a send/recv pair `A.key -> B.key`. */
export interface StmtEdge {
  kind: 'edge';
  halves: EdgeHalf[];
  span: Span;
}

export interface StmtIf {
  kind: 'if';
  cond: Expr;
  then: Block;
  else?: Block;
  span: Span;
}

/** `for $index, $value in expr { body }` */
export interface StmtFor {
  kind: 'for';
  index: string;
  indexSpan: Span;
  value: string;
  valueSpan: Span;
  expr: Expr;
  body: Block;
  span: Span;
}

/** `forkv $key, $value in expr { body }` */
export interface StmtForKV {
  kind: 'forkv';
  key: string;
  keySpan: Span;
  value: string;
  valueSpan: Span;
  expr: Expr;
  body: Block;
  span: Span;
}

/** `func name(params) [type] { body }` */
export interface StmtFunc {
  kind: 'func';
  name: string;
  nameSpan: Span;
  func: ExprFunc;
  span: Span;
}

/** `class name[(params)] { body }`; `name` may be `a:b:c` sugar before interpolation. */
export interface StmtClass {
  kind: 'class';
  name: string;
  nameSpan: Span;
  /** undefined when written without parentheses. */
  params?: Param[];
  body: Block;
  span: Span;
}

/** `include name[(args)] [as alias]`; `name` may be dotted (`b1.inner`). */
export interface StmtInclude {
  kind: 'include';
  name: string;
  nameSpan: Span;
  args?: Expr[];
  alias?: string;
  span: Span;
}

/** `import "name" [as alias|*]` */
export interface StmtImport {
  kind: 'import';
  name: string;
  alias?: string;
  span: Span;
}

/** `panic(args)` as a statement. */
export interface StmtPanic {
  kind: 'panic';
  args: Expr[];
  span: Span;
}

export interface Param {
  name: string;
  type?: Type;
  span: Span;
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | ExprBool
  | ExprStr
  | ExprInterp
  | ExprInt
  | ExprFloat
  | ExprList
  | ExprMap
  | ExprStruct
  | ExprFunc
  | ExprCall
  | ExprVar
  | ExprIf
  | ExprBinary
  | ExprNot
  | ExprIndex
  | ExprField
  | ExprExcept;

export interface ExprBool {
  kind: 'bool';
  value: boolean;
  span: Span;
}

/**
 * A string literal. The parser sets `raw` (the text between the quotes, escapes
 * unprocessed); the Interpolate stage sets `value` (escapes applied), or
 * replaces the node with an ExprInterp.
 */
export interface ExprStr {
  kind: 'str';
  raw: string;
  value?: string;
  span: Span;
}

/** An interpolated string after the Interpolate stage: literal pieces and `${var}` references. Always `str`. */
export interface ExprInterp {
  kind: 'interp';
  raw: string;
  parts: (string | ExprVar)[];
  span: Span;
}

export interface ExprInt {
  kind: 'int';
  value: bigint;
  span: Span;
}

export interface ExprFloat {
  kind: 'float';
  value: number;
  /** The literal as written, for printing. */
  raw: string;
  span: Span;
}

export interface ExprList {
  kind: 'list';
  elems: Expr[];
  span: Span;
}

export interface ExprMap {
  kind: 'map';
  entries: { key: Expr; value: Expr; span: Span }[];
  span: Span;
}

export interface ExprStruct {
  kind: 'struct';
  fields: { name: string; value: Expr; span: Span }[];
  span: Span;
}

/** A lambda `func(params) [type] { body }` (also the function of a `func` statement). */
export interface ExprFunc {
  kind: 'func';
  params: Param[];
  ret?: Type;
  body: Expr;
  span: Span;
}

/**
 * A call. `callee` is how the function is named:
 * - `{ kind: 'name', name: 'fmt.printf' }` for `fmt.printf(...)`
 * - `{ kind: 'var', name: 'f' }` for `$f(...)`
 * - `{ kind: 'lambda', func }` for `func($x) { $x }(...)`
 */
export interface ExprCall {
  kind: 'call';
  callee: { kind: 'name'; name: string } | { kind: 'var'; name: string } | { kind: 'lambda'; func: ExprFunc };
  calleeSpan: Span;
  args: Expr[];
  span: Span;
}

/** `$name` or `$a.b.c` (the name is stored without `$`). */
export interface ExprVar {
  kind: 'var';
  name: string;
  span: Span;
}

/** `if cond { a } else { b }` as an expression. */
export interface ExprIf {
  kind: 'ifexpr';
  cond: Expr;
  then: Expr;
  else: Expr;
  span: Span;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '>' | '<=' | '>=' | 'and' | 'or' | 'in';

export interface ExprBinary {
  kind: 'binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
  span: Span;
}

export interface ExprNot {
  kind: 'not';
  expr: Expr;
  span: Span;
}

/** `obj[index]`: list index or map key. */
export interface ExprIndex {
  kind: 'index';
  obj: Expr;
  index: Expr;
  span: Span;
}

/** `obj->field`, or `obj->field <|> def` (the static optional form) when `def` is set. */
export interface ExprField {
  kind: 'field';
  obj: Expr;
  field: string;
  def?: Expr;
  span: Span;
}

/** `left <|> right`: the right side's value when the left raises a catchable error. */
export interface ExprExcept {
  kind: 'except';
  left: Expr;
  right: Expr;
  span: Span;
}

export type Node = Program | Block | Stmt | Expr | ResItem | EdgeHalf;

// ---------------------------------------------------------------- guards

export const isStmtRes = (n: Node): n is StmtRes => n.kind === 'res';
export const isStmtBind = (n: Node): n is StmtBind => n.kind === 'bind';
export const isExprVar = (n: Node): n is ExprVar => n.kind === 'var';
export const isExprFunc = (n: Node): n is ExprFunc => n.kind === 'func';

/** The result of parsing one file: a tree (maybe partial) and the problems found. */
export interface ParseResult {
  ast?: Program;
  errors: import('./errors.js').LangError[];
  comments: Comment[];
  /** The tokens the lexer made (the fast path for literal edits keeps them). */
  tokens?: import('chevrotain').IToken[];
}
