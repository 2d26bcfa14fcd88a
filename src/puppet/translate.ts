// Catalog → mcl. We translate the *evaluated* catalog, not the manifest's
// structure: conditionals, classes, defines, loops and templates are already
// resolved, so the mcl is flat (resources and edges) but provably the same
// graph (see docs/puppet.md). Spans are synthetic positions in the output, so
// that the printer puts every `#` note where it belongs.

import type { Comment, EdgeHalf, Expr, Program, ResItem, Stmt } from '../lang/ast.js';
import type { Span } from '../lang/errors.js';
import { printProgram } from '../lang/printer.js';
import { MapValue, type Value } from '../lang/types/value.js';
import { ResourceGraph, type Vertex } from '../engine/graph.js';
import { DEFAULT_META } from '../resources/kind.js';
import type { Catalog } from './catalog.js';
import { mapResource, type Mapped } from './mapping.js';

/** Map every resource of a catalog; edges by mapped resource. */
export function mapCatalog(c: Catalog): { resources: Mapped[]; edges: { from: Mapped; to: Mapped; notify: boolean }[] } {
  const byKey = new Map<string, Mapped>();
  const resources = c.resources.map((r) => {
    const m = mapResource(r);
    byKey.set(`${r.type}[${r.title}]`, m);
    return m;
  });
  const edges = c.edges.map((e) => ({ from: byKey.get(`${e.from.type}[${e.from.title}]`)!, to: byKey.get(`${e.to.type}[${e.to.title}]`)!, notify: e.notify }));
  return { resources, edges };
}

/** The graph the catalog means in our kinds, built directly (no mcl): the round trip's reference. */
export function graphOfCatalog(c: Catalog): ResourceGraph {
  const { resources, edges } = mapCatalog(c);
  const g = new ResourceGraph();
  const vs = new Map<Mapped, Vertex>();
  for (const m of resources) {
    const v: Vertex = { kind: m.kind, name: m.name, params: new Map(m.params), meta: { ...DEFAULT_META, noop: m.noop } };
    vs.set(m, v);
    g.addVertex(v);
  }
  for (const e of edges) g.addEdge(vs.get(e.from)!, vs.get(e.to)!, e.notify);
  return g;
}

class Cursor {
  line = 1;
  offset = 0;
  constructor(readonly file: string) {}
  /** A span of `lines` lines at the cursor; the cursor moves past it. */
  take(lines = 1): Span {
    const s: Span = { file: this.file, line: this.line, col: 1, endLine: this.line + lines - 1, endCol: 2, start: this.offset, end: this.offset + lines * 10 };
    this.line += lines;
    this.offset += lines * 10;
    return s;
  }
}

const mclEscape = (s: string): string =>
  s.replace(/[\\"$\n\t\r\x07\b\f\v]/g, (c) => ({ '\\': '\\\\', '"': '\\"', $: '\\$', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v' })[c]!);

function valueExpr(v: Value, span: Span): Expr {
  if (typeof v === 'string') return { kind: 'str', raw: mclEscape(v), span };
  if (typeof v === 'boolean') return { kind: 'bool', value: v, span };
  if (typeof v === 'bigint') return { kind: 'int', value: v, span };
  if (typeof v === 'number') return { kind: 'float', value: v, raw: String(v).includes('.') ? String(v) : `${v}.0`, span };
  if (Array.isArray(v)) return { kind: 'list', elems: v.map((x) => valueExpr(x, span)), span };
  if (v instanceof MapValue) return { kind: 'map', entries: [...v.entries.values()].map((e) => ({ key: valueExpr(e.key, span), value: valueExpr(e.value, span), span })), span };
  throw new Error(`cannot write ${String(v)} as mcl`);
}

const capKind = (k: string): string => k.split(':').map((x) => x[0].toUpperCase() + x.slice(1)).join(':');

export interface Translation {
  program: Program;
  comments: Comment[];
  text: string;
  /** Line of the mcl text → where in the manifest it came from (the attribute, else the resource). */
  origins: Map<number, Span>;
}

/** The mcl program for a catalog; `source` names the manifest in the header comment. */
export function translateCatalog(c: Catalog, source: string, file = '/main.mcl'): Translation {
  const { resources, edges } = mapCatalog(c);
  const cur = new Cursor(file);
  const comments: Comment[] = [];
  const note = (text: string) => comments.push({ text: ` ${text}`, span: cur.take() });
  note(`Translated from the Puppet manifest ${source} by \`mgmt puppet translate\`.`);
  note('This is the evaluated catalog: conditionals, classes, defined types, loops and templates are resolved.');
  cur.take(); // blank line
  const out = new Map<Mapped, { kind: string; name: string }[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), { kind: e.notify ? 'notify' : 'before', name: '' }]);
  const body: Stmt[] = [];
  const origins = new Map<number, Span>();
  const from = (s: Span, place: Span | undefined) => {
    if (place) origins.set(s.line, place);
    return s;
  };
  for (const m of resources) {
    const start = from(cur.take(), m.span);
    const items: ResItem[] = [];
    if (m.kind !== m.from.split('[')[0] || m.name !== m.from.slice(m.from.indexOf('[') + 1, -1)) note(`Puppet: ${m.from}`);
    for (const n of m.notes) note(`approximated: ${n}`);
    for (const [k, v] of m.params) {
      const s = from(cur.take(), m.places.get(k) ?? m.span);
      items.push({ kind: 'field', name: k, value: valueExpr(v, s), span: s });
    }
    if (m.noop) {
      const s = from(cur.take(), m.places.get('noop') ?? m.span);
      items.push({ kind: 'meta', property: 'noop', value: { kind: 'bool', value: true, span: s }, span: s });
    }
    for (const e of edges.filter((x) => x.from === m)) {
      const s = from(cur.take(), m.span);
      const half: EdgeHalf = { kind: 'edgehalf', resKind: e.to.kind, name: { kind: 'str', raw: mclEscape(e.to.name), span: s }, span: s };
      items.push({ kind: 'edgeprop', property: e.notify ? 'notify' : 'before', half, span: s });
    }
    const end = from(cur.take(), m.span);
    const span: Span = { ...start, endLine: end.endLine, end: end.end };
    body.push({ kind: 'res', resKind: m.kind, kindSpan: start, name: { kind: 'str', raw: mclEscape(m.name), span: start }, items, collect: false, span });
    cur.take(); // blank line between resources
  }
  void capKind;
  const program: Program = { kind: 'program', body, span: { file, line: 1, col: 1, endLine: cur.line, endCol: 1, start: 0, end: cur.offset } };
  return { program, comments, text: printProgram(program, comments), origins };
}
