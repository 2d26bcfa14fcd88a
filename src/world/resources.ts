// Exported resources as World data, and back: params as plain JSON (ints as
// numbers when exact), decoded with the kind's param types; meta params as
// JSON with `limit` Inf spelled out. The collector gets a plain Vertex.

import { valueToJson } from '../engine/format.js';
import type { ResourceGraph, Vertex } from '../engine/graph.js';
import { vertexId } from '../engine/graph.js';
import { parseType } from '../lang/types/type.js';
import type { Value } from '../lang/types/value.js';
import { getKind } from '../resources/index.js';
import { DEFAULT_META } from '../resources/kind.js';
import type { MetaParams, ResourceSpec } from '../resources/kind.js';
import { META_FIELDS } from '../resources/meta.js';
import { toValue } from '../yamlgraph/parse.js';
import type { ExportedResource } from './world.js';

/** What a host exports from a graph: every resource (hidden or not, grouped or not) with Meta:export, except noop ones. */
export function exportsOf(g: ResourceGraph, host: string, specOf: (id: string) => ResourceSpec | undefined): ExportedResource[] {
  const out: ExportedResource[] = [];
  const seen = new Set<string>();
  const visit = (v: Vertex) => {
    for (const m of v.group ?? []) visit(m);
    if (!v.meta.export.length || v.meta.noop) return;
    const id = vertexId(v);
    if (seen.has(id)) return;
    seen.add(id);
    // The running spec holds what send/recv delivered since the swap.
    const params = (!v.meta.hidden && specOf(id)?.params) || v.params;
    out.push({
      kind: v.kind,
      name: v.name,
      host,
      to: [...new Set(v.meta.export)],
      params: Object.fromEntries([...params].map(([k, x]) => [k, valueToJson(x)])),
      meta: { ...v.meta, export: [], limit: v.meta.limit === Infinity ? 'Inf' : v.meta.limit },
    });
  };
  for (const v of g.vertices) visit(v);
  return out.sort((a, b) => (vertexId(a) < vertexId(b) ? -1 : 1));
}

/** A collected resource as a vertex: its exporter's params and meta, `export` cleared. Throws on data our kinds cannot take. */
export function vertexOf(r: ExportedResource): Vertex {
  const kind = getKind(r.kind);
  if (!kind) throw new Error(`collected ${r.kind}[${r.name}] from ${r.host}: no resource kind \`${r.kind}\` here`);
  const where = `collected ${r.kind}[${r.name}] from ${r.host}`;
  const params = new Map<string, Value>();
  for (const [k, x] of Object.entries(r.params)) {
    const p = kind.params.find((q) => q.name === k);
    if (!p) throw new Error(`${where}: unknown param \`${k}\``);
    params.set(k, toValue(x, parseType(p.type), `${where}: param ${k}`));
  }
  const meta: MetaParams = { ...DEFAULT_META, sema: [], export: [] };
  for (const f of META_FIELDS) {
    const x = r.meta?.[f.name];
    if (x === undefined || f.name === 'export') continue;
    if (f.name === 'limit') meta.limit = x === 'Inf' ? Infinity : Number(x);
    else (meta as unknown as Record<string, unknown>)[f.name] = x;
  }
  return { kind: r.kind, name: r.name, params, meta };
}

/** How long a first read of the World may take before we go on without it (an unreachable etcd). */
export const WORLD_PATIENCE_MS = 3000;

/**
 * The World's answer, or `fallback` when it takes longer than `ms`; a late
 * answer (or failure) is handed to `late`, so the caller can read again then.
 */
export function patiently<T>(p: Promise<T>, ms: number, fallback: T, late: () => void): Promise<T> {
  return new Promise((resolve) => {
    let timedOut = false;
    const t = setTimeout(() => {
      timedOut = true;
      resolve(fallback);
    }, ms);
    p.then(
      (v) => {
        clearTimeout(t);
        if (timedOut) late();
        else resolve(v);
      },
      () => {
        clearTimeout(t);
        if (timedOut) late();
        else resolve(fallback);
      },
    );
  });
}
