// The Puppet AST: plain data, a union on `k`. Every node has a span into the
// manifest. Statements and expressions share one union because Puppet is an
// expression language (a resource declaration is a value usable in `->`).

import type { PSpan } from './errors.js';

export type PExpr =
  | { k: 'str'; value: string; span: PSpan }
  /** A double-quoted string or interpolating heredoc: literal pieces and `${expr}`. */
  | { k: 'dq'; parts: (string | PExpr)[]; span: PSpan }
  | { k: 'num'; value: number; float: boolean; span: PSpan }
  | { k: 'bool'; value: boolean; span: PSpan }
  | { k: 'undef'; span: PSpan }
  | { k: 'default'; span: PSpan }
  | { k: 'var'; name: string; span: PSpan }
  | { k: 'array'; elems: PExpr[]; span: PSpan }
  | { k: 'hash'; entries: { key: PExpr; value: PExpr }[]; span: PSpan }
  | { k: 'regex'; source: string; span: PSpan }
  /** A bare word: a string in value position (`ensure => file`). */
  | { k: 'name'; name: string; span: PSpan }
  /** A capitalized name: a type (`String`) or resource type (`File`). */
  | { k: 'type'; name: string; span: PSpan }
  /** `x[a, b]`: hash/array access, a resource reference, or a parameterized type. */
  | { k: 'access'; obj: PExpr; args: PExpr[]; span: PSpan }
  | { k: 'binary'; op: string; left: PExpr; right: PExpr; span: PSpan }
  | { k: 'not'; expr: PExpr; span: PSpan }
  | { k: 'neg'; expr: PExpr; span: PSpan }
  /** `f(args) |params| { body }` and `recv.f(args)` (the receiver is args[0]). */
  | { k: 'call'; name: string; args: PExpr[]; lambda?: Lambda; span: PSpan; nameSpan: PSpan }
  | { k: 'selector'; subject: PExpr; cases: { match: PExpr; value: PExpr }[]; span: PSpan }
  | { k: 'resource'; type: string; typeSpan: PSpan; bodies: ResourceBody[]; form: 'regular' | 'virtual' | 'exported'; span: PSpan }
  /** `File { attrs }`: resource defaults. */
  | { k: 'defaults'; type: string; attrs: Attr[]; span: PSpan }
  /** `File <| q |>` / `File <<| q |>>` (refused; parsed to name it precisely). */
  | { k: 'collector'; type: string; exported: boolean; span: PSpan }
  | { k: 'assign'; name: string; value: PExpr; span: PSpan }
  | { k: 'if'; cond: PExpr; then: PExpr[]; else?: PExpr[]; span: PSpan }
  | { k: 'unless'; cond: PExpr; then: PExpr[]; else?: PExpr[]; span: PSpan }
  | { k: 'case'; subject: PExpr; cases: { matches: PExpr[]; body: PExpr[] }[]; span: PSpan }
  | { k: 'classdef'; name: string; params: Param[]; parent?: string; body: PExpr[]; span: PSpan }
  | { k: 'definedef'; name: string; params: Param[]; body: PExpr[]; span: PSpan }
  /** A construct we recognise but refuse (node, function definitions, type aliases…). */
  | { k: 'refused'; what: string; span: PSpan };

export interface ResourceBody {
  title: PExpr;
  attrs: Attr[];
  span: PSpan;
}

/** `name => value`, `name +> value`, or `* => hash`. */
export interface Attr {
  name: string;
  op: '=>' | '+>';
  value: PExpr;
  span: PSpan;
}

export interface Param {
  name: string;
  type?: PExpr;
  default?: PExpr;
  span: PSpan;
}

export interface Lambda {
  params: Param[];
  body: PExpr[];
  span: PSpan;
}

export interface PProgram {
  body: PExpr[];
  file: string;
  text: string;
}
