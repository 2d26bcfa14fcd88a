// Document symbols: binds, funcs, classes (with what they declare inside),
// resources, includes and imports, as an outline tree.

import { SymbolKind } from 'vscode-languageserver/node';
import type { DocumentSymbol } from 'vscode-languageserver/node';
import type { Expr, Stmt } from '../lang/ast.js';
import { printExpr } from '../lang/printer.js';
import { spanToRange } from './util.js';
import type { Analysis } from './workspace.js';

export function symbols(a: Analysis): DocumentSymbol[] {
  const ast = a.ast;
  return ast ? stmts(ast.body) : [];
}

function stmts(body: Stmt[]): DocumentSymbol[] {
  return body.flatMap((s) => {
    const sym = symbol(s);
    return sym ? [sym] : [];
  });
}

function symbol(s: Stmt): DocumentSymbol | undefined {
  const range = spanToRange(s.span);
  const make = (name: string, kind: SymbolKind, sel = range, detail?: string, children?: DocumentSymbol[]): DocumentSymbol => ({
    name,
    kind,
    range,
    selectionRange: sel,
    ...(detail ? { detail } : {}),
    ...(children && children.length ? { children } : {}),
  });
  switch (s.kind) {
    case 'bind':
      return make(`$${s.name}`, s.value.kind === 'func' ? SymbolKind.Function : SymbolKind.Variable, spanToRange(s.nameSpan));
    case 'func':
      return make(s.name, SymbolKind.Function, spanToRange(s.nameSpan), `func(${s.func.params.map((p) => `$${p.name}`).join(', ')})`);
    case 'class':
      return make(s.name, SymbolKind.Class, spanToRange(s.nameSpan), s.params ? `class(${s.params.map((p) => `$${p.name}`).join(', ')})` : 'class', stmts(s.body.body));
    case 'res':
      return make(`${s.resKind}[${label(s.name)}]`, SymbolKind.Object, spanToRange(s.kindSpan), s.collect ? 'collect' : undefined);
    case 'include':
      return make(`include ${s.name}${s.alias ? ` as ${s.alias}` : ''}`, SymbolKind.Event, spanToRange(s.nameSpan));
    case 'import':
      return make(`import "${s.name}"`, SymbolKind.Module, range, s.alias ? `as ${s.alias}` : undefined);
    case 'if':
      return wrap(make('if', SymbolKind.Namespace), [...stmts(s.then.body), ...(s.else ? stmts(s.else.body) : [])]);
    case 'for':
    case 'forkv':
      return wrap(make(s.kind, SymbolKind.Namespace), stmts(s.body.body));
    default:
      return undefined;
  }
}

/** A block statement shows only when it declares something. */
function wrap(sym: DocumentSymbol, children: DocumentSymbol[]): DocumentSymbol | undefined {
  return children.length ? { ...sym, children } : undefined;
}

function label(e: Expr): string {
  if (e.kind === 'str') return e.raw;
  const text = printExpr(e);
  return text.length > 40 ? text.slice(0, 39) + '…' : text;
}
