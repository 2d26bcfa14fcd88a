// Hover: a resource kind's or param's type and doc (from the AST, so it
// works while the program has errors), a builtin function's signature and
// doc line, and otherwise the solved type of the expression under the cursor.

import type { Hover } from 'vscode-languageserver/node';
import type { ExprCall, ResItem, StmtBind, StmtRes } from '../lang/ast.js';
import type { Registry } from '../lang/funcs/registry.js';
import type { IExpr } from '../lang/ir.js';
import { typeString } from '../lang/types/type.js';
import type { Type } from '../lang/types/type.js';
import { getKind } from '../resources/index.js';
import { META_FIELDS } from '../resources/meta.js';
import { lookupFunc, signatures } from './names.js';
import { markdown, nodesAt, spanToRange } from './util.js';
import type { AnyNode } from './util.js';
import type { Analysis } from './workspace.js';

const EDGE_DOCS: Record<string, string> = {
  before: 'This resource is applied before the named one (an edge to it).',
  depend: 'This resource is applied after the named one (an edge from it).',
  notify: 'Like Before, and the named resource is refreshed when this one changes.',
  listen: 'Like Depend, and this resource is refreshed when the named one changes.',
};

export function hover(a: Analysis, offset: number, registry: Registry): Hover | null {
  const path = a.ast ? nodesAt(a.ast, offset) : [];
  return resourceHover(path, offset) ?? bindHover(a, path, offset) ?? irHover(a, offset) ?? callHover(a, path, offset, registry);
}

/** On the name of `$x = …`: the bind's type. */
function bindHover(a: Analysis, path: AnyNode[], offset: number): Hover | null {
  const s = path[path.length - 1];
  if (!s || s.kind !== 'bind') return null;
  const bind = s as unknown as StmtBind;
  if (offset < bind.nameSpan.start || offset >= bind.nameSpan.end) return null;
  const ir = a.ir;
  const b = ir?.compiled.scoped.binds.find((x) => x.k === 'bind' && x.span.file === a.file && x.span.start === bind.nameSpan.start);
  let t: Type | undefined;
  if (b && b.k === 'bind') {
    try {
      t = ir!.type(b.expr());
    } catch {
      // A scope error inside an unused bind: no type to show.
    }
  }
  const range = spanToRange(bind.nameSpan);
  return t ? { contents: markdown(`$${bind.name} :: ${typeString(t)}`), range } : { contents: markdown(`$${bind.name}`, 'type unknown: this value is never used'), range };
}

function resourceHover(path: AnyNode[], offset: number): Hover | null {
  const resIdx = path.map((n) => n.kind).lastIndexOf('res');
  if (resIdx < 0) return null;
  const res = path[resIdx] as unknown as StmtRes;
  const kind = getKind(res.resKind);
  if (res.kindSpan.start <= offset && offset < res.kindSpan.end) {
    if (!kind) return null;
    return { contents: markdown(`${res.resKind} "name" { … }`, kind.doc), range: spanToRange(res.kindSpan) };
  }
  const item = path[resIdx + 1] as unknown as ResItem | undefined;
  if (!item || !res.items.includes(item)) return null;
  const key = keyLength(item);
  if (offset >= item.span.start + key) return null;
  const range = spanToRange({ ...item.span, endLine: item.span.line, endCol: item.span.col + key, end: item.span.start + key });
  if (item.kind === 'field') {
    const p = kind?.params.find((x) => x.name === item.name);
    if (!p) return null;
    return { contents: markdown(`${p.name} ${p.type}`, `${p.doc ?? ''}${p.doc ? '\n\n' : ''}param of \`${res.resKind}\``), range };
  }
  if (item.kind === 'meta') {
    if (!item.property) return { contents: markdown('Meta => struct{…}', 'All meta params of this resource at once.'), range };
    const m = META_FIELDS.find((f) => f.name === item.property);
    return m ? { contents: markdown(`Meta:${m.name} ${m.type}`, 'meta param (how the engine runs this resource)'), range } : null;
  }
  const doc = EDGE_DOCS[item.property];
  return doc ? { contents: markdown(`${item.property[0].toUpperCase()}${item.property.slice(1)} => Kind["name"]`, doc), range } : null;
}

/** Length of an item's key as written: `content`, `Meta:retry`, `Before`. */
function keyLength(item: ResItem): number {
  if (item.kind === 'field') return item.name.length;
  if (item.kind === 'meta') return item.property ? 5 + item.property.length : 4;
  return item.property.length;
}

function irHover(a: Analysis, offset: number): Hover | null {
  const ir = a.ir;
  if (!ir) return null;
  const e = ir.at(offset);
  if (!e) return null;
  const t = ir.type(e);
  const range = spanToRange(e.span);
  if (e.k === 'call') {
    const solved = ir.compiled.typing.calls.get(e);
    const lines = [`${e.fullName}: ${solved ? typeString(solved) : signatures(e.def).join(' | ')}`];
    const sigs = signatures(e.def);
    const more = sigs.length > 1 ? `\n\nSignatures:\n${sigs.map((s) => `- \`${s}\``).join('\n')}` : '';
    return { contents: markdown(lines.join('\n'), e.def.doc + more), range };
  }
  if (!t) return describeUntyped(e, range);
  if (e.k === 'ref') return { contents: markdown(`$${e.name} :: ${typeString(t)}`), range };
  if (e.k === 'callfunc') return { contents: markdown(`${e.name}(…) :: ${typeString(t)}`), range };
  return { contents: markdown(typeString(t)), range };
}

function describeUntyped(e: IExpr, range: Hover['range']): Hover | null {
  // In an unused bind (Unify never visits those): say so rather than guess.
  if (e.k === 'ref') return { contents: markdown(`$${e.name}`, 'type unknown: this value is never used'), range };
  return null;
}

/** Without a compiled program: a builtin call's doc, found by name. */
function callHover(a: Analysis, path: AnyNode[], offset: number, registry: Registry): Hover | null {
  const call = [...path].reverse().find((n) => n.kind === 'call') as unknown as ExprCall | undefined;
  if (!call || call.callee.kind !== 'name') return null;
  if (offset < call.calleeSpan.start || offset >= call.calleeSpan.end) return null;
  const found = lookupFunc(registry, a.text, call.callee.name);
  if (!found) return null;
  const sigs = signatures(found.def);
  const name = call.callee.name;
  return { contents: markdown(sigs.map((s) => `${name}: ${s}`).join('\n'), found.def.doc), range: spanToRange(call.calleeSpan) };
}
