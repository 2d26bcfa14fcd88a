// Small helpers shared by the LSP features: spans ↔ LSP ranges and a generic
// walk over the AST.

import type { Range } from 'vscode-languageserver/node';
import type { Program } from '../lang/ast.js';
import type { Span } from '../lang/errors.js';

/** Our spans are 1-based lines and columns; LSP ranges are 0-based. */
export function spanToRange(s: Span): Range {
  return { start: { line: s.line - 1, character: s.col - 1 }, end: { line: s.endLine - 1, character: s.endCol - 1 } };
}

export function contains(s: Span, offset: number): boolean {
  return s.start <= offset && offset < s.end;
}

/** Like contains, but the offset just past the end counts (a cursor after the last character). */
export function touches(s: Span, offset: number): boolean {
  return s.start <= offset && offset <= s.end;
}

/** A node of the AST: anything with a string `kind` and a span. */
export interface AnyNode {
  kind: string;
  span: Span;
  [k: string]: unknown;
}

function isNode(x: unknown): x is AnyNode {
  return typeof x === 'object' && x !== null && typeof (x as { kind?: unknown }).kind === 'string' && 'span' in x;
}

/**
 * Visits every node in document order with its ancestors (outermost first).
 * Returning false from `visit` skips the node's children.
 */
export function walkAst(prog: Program, visit: (n: AnyNode, parents: AnyNode[]) => boolean | void): void {
  const parents: AnyNode[] = [];
  const go = (x: unknown): void => {
    if (Array.isArray(x)) {
      for (const y of x) go(y);
      return;
    }
    if (typeof x !== 'object' || x === null) return;
    if (isNode(x)) {
      if (visit(x, parents) === false) return;
      parents.push(x);
      for (const [k, v] of Object.entries(x)) if (k !== 'span' && !k.endsWith('Span') && k !== 'type' && k !== 'ret') go(v);
      parents.pop();
      return;
    }
    // Plain holders such as map entries, struct fields and callees.
    for (const [k, v] of Object.entries(x)) if (k !== 'span' && !k.endsWith('Span') && k !== 'type') go(v);
  };
  go(prog);
}

/** The nodes whose span holds the offset, outermost first. */
export function nodesAt(prog: Program, offset: number): AnyNode[] {
  let path: AnyNode[] = [];
  walkAst(prog, (n, parents) => {
    if (!touches(n.span, offset)) return false;
    path = [...parents, n];
    return true;
  });
  return path;
}

export function markdown(code: string, text?: string): { kind: 'markdown'; value: string } {
  return { kind: 'markdown', value: '```mcl\n' + code + '\n```' + (text ? `\n\n${text}` : '') };
}
