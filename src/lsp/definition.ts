// Go to definition: a variable (through the scoped program when it compiled,
// else the nearest bind of that name), a func statement, a class, and an
// import (its file, or its directory's entry file).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Location } from 'vscode-languageserver/node';
import type { ExprCall, Program, StmtImport, StmtInclude } from '../lang/ast.js';
import type { Span } from '../lang/errors.js';
import { parse } from '../lang/parser.js';
import { imports, isSystemImport } from './names.js';
import { nodesAt, spanToRange, walkAst } from './util.js';
import type { AnyNode } from './util.js';
import type { Analysis } from './workspace.js';
import { pathToUri } from './workspace.js';

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function definition(a: Analysis, offset: number): Location | null {
  const ir = a.ir;
  if (ir) {
    const e = ir.at(offset, (x) => x.k === 'ref');
    // A class argument's binding points at the include: the class parameter is what users want.
    if (e && e.k === 'ref' && e.binding.k !== 'const' && e.binding.k !== 'arg') return at(a, e.binding.span);
  }
  const ast = a.ast;
  if (!ast) return null;
  const path = nodesAt(ast, offset);
  const node = path[path.length - 1];
  if (!node) return null;
  switch (node.kind) {
    case 'var':
      return varDefinition(a, ast, path, node.name as string);
    case 'call': {
      const call = node as unknown as ExprCall;
      if (offset >= call.calleeSpan.end) return null;
      if (call.callee.kind === 'var') return varDefinition(a, ast, path, call.callee.name);
      if (call.callee.kind === 'name') return named(a, ast, 'func', call.callee.name);
      return null;
    }
    case 'include':
      return named(a, ast, 'class', (node as unknown as StmtInclude).name);
    case 'import':
      return importTarget(a, (node as unknown as StmtImport).name);
  }
  return null;
}

function at(a: Analysis, span: Span): Location | null {
  if (span.file.startsWith('builtin:')) return null;
  return { uri: pathToUri(a.local(span.file)), range: spanToRange(span) };
}

/** Without the scoped program: the bind, parameter or loop variable of that name nearest the use. */
function varDefinition(a: Analysis, ast: Program, path: AnyNode[], name: string): Location | null {
  // Walk outwards through the enclosing nodes; each may declare the name.
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i];
    if ((n.kind === 'for' || n.kind === 'forkv') && (n.value === name || n.index === name || n.key === name)) {
      const sp = n.value === name ? n.valueSpan : n.kind === 'for' ? n.indexSpan : n.keySpan;
      return at(a, sp as Span);
    }
    const fn = n.kind === 'func' && n.func ? (n.func as AnyNode) : n;
    const params = (fn.kind === 'func' || fn.kind === 'class' ? (fn.params as { name: string; span: Span }[] | undefined) : undefined) ?? [];
    const p = params.find((x) => x.name === name);
    if (p) return at(a, p.span);
    const body = n.kind === 'program' || n.kind === 'block' ? n.body : undefined;
    if (Array.isArray(body)) {
      const b = (body as AnyNode[]).find((s) => s.kind === 'bind' && s.name === name);
      if (b) return at(a, b.nameSpan as Span);
    }
  }
  return null;
}

/** A func or class statement of that name: in this file, or in an imported local file for `alias.name`. */
function named(a: Analysis, ast: Program, kind: 'func' | 'class', name: string): Location | null {
  const local = findNamed(ast, kind, name);
  if (local) return at(a, local);
  const dot = name.indexOf('.');
  if (dot < 0) return null;
  const imp = imports(a.text).find((i) => i.alias === name.slice(0, dot) && !isSystemImport(i.name));
  if (!imp) return null;
  const file = importFile(a, imp.name);
  if (!file) return null;
  const parsed = parse(readFileSync(file, 'utf8'), file, { recover: true });
  const found = parsed.ast && findNamed(parsed.ast, kind, name.slice(dot + 1));
  return found ? { uri: pathToUri(file), range: spanToRange(found) } : null;
}

function findNamed(ast: Program, kind: 'func' | 'class', name: string): Span | undefined {
  let found: Span | undefined;
  walkAst(ast, (n) => {
    if (found) return false;
    if (n.kind === kind && n.name === name && 'nameSpan' in n) found = n.nameSpan as Span;
    return n.kind === 'program' || n.kind === 'block' || n.kind === 'class' || n.kind === 'if' || n.kind === 'for' || n.kind === 'forkv';
  });
  return found;
}

function importFile(a: Analysis, name: string): string | undefined {
  const dir = dirname(a.path);
  if (name.endsWith('.mcl')) return join(dir, name);
  if (name.endsWith('/')) {
    const meta = join(dir, name, 'metadata.yaml');
    let main = 'main.mcl';
    if (existsSync(meta)) main = /^main:\s*"?([^"\n]+)"?/m.exec(readFileSync(meta, 'utf8'))?.[1]?.trim() ?? main;
    return join(dir, name, main);
  }
  return undefined;
}

function importTarget(a: Analysis, name: string): Location | null {
  const file = importFile(a, name);
  return file && existsSync(file) ? { uri: pathToUri(file), range: START } : null;
}
