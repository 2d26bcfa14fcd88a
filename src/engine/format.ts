// Renderings of a resource graph: the conformance text format, JSON for
// tools, and graphviz dot.

import type { ResourceGraph } from './graph.js';
import { vertexId } from './graph.js';
import { compareBytes, formatValue } from '../lang/types/value.js';
import type { Value } from '../lang/types/value.js';

/** `Vertex: kind[name]` and `Edge: a -> b # label` lines, sorted bytewise (upstream's order). */
export function graphText(g: ResourceGraph): string {
  const lines: string[] = [];
  for (const v of g.vertices) lines.push(`Vertex: ${vertexId(v)}`);
  for (const e of g.edges) lines.push(`Edge: ${vertexId(e.from)} -> ${vertexId(e.to)} # ${e.label}`);
  lines.sort(compareBytes);
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** A Value as plain JSON: ints become numbers when exact, else strings. */
export function valueToJson(v: Value): unknown {
  switch (typeof v) {
    case 'bigint':
      return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    case 'boolean':
    case 'string':
    case 'number':
      return v;
  }
  if (Array.isArray(v)) return v.map(valueToJson);
  if ('entries' in v && v.entries instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const { key, value } of v.entries.values()) o[typeof key === 'string' ? key : formatValue(key)] = valueToJson(value);
    return o;
  }
  if ('fields' in v) return Object.fromEntries(v.fields.map(([k, x]) => [k, valueToJson(x)]));
  return formatValue(v);
}

export function graphJson(g: ResourceGraph): string {
  const out = {
    vertices: g.vertices.map((v) => ({
      kind: v.kind,
      name: v.name,
      params: Object.fromEntries([...v.params].map(([k, x]) => [k, valueToJson(x)])),
      meta: { ...v.meta, limit: v.meta.limit === Infinity ? 'Inf' : v.meta.limit },
    })),
    edges: g.edges.map((e) => ({ from: vertexId(e.from), to: vertexId(e.to), notify: e.notify })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

const dotQuote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

export function graphDot(g: ResourceGraph, name = 'mgmt'): string {
  const lines = [`digraph ${dotQuote(name)} {`, '\tlabel=' + dotQuote(name) + ';'];
  for (const v of g.vertices) lines.push(`\t${dotQuote(vertexId(v))} [label=${dotQuote(vertexId(v))}];`);
  for (const e of g.edges) {
    lines.push(`\t${dotQuote(vertexId(e.from))} -> ${dotQuote(vertexId(e.to))}${e.notify ? ' [style=bold, label="notify"]' : ''};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
