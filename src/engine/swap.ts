// Swap: how a new graph is diffed against the running one. A vertex is kept
// (its Watch keeps running and it is not re-applied) when one of the same
// (kind, name) runs already and the kind's cmp finds the same desired state,
// with the same meta params, group members and send/recv wiring. Everything
// else is replaced: the old one stopped and cleaned up, the new one started.

import { valueEqual } from '../lang/types/value.js';
import { cmpWith } from '../resources/common.js';
import { getKind } from '../resources/index.js';
import type { MetaParams, ResourceSpec } from '../resources/kind.js';
import { vertexId } from './graph.js';
import type { Vertex } from './graph.js';

function sameMeta(a: MetaParams, b: MetaParams): boolean {
  for (const key in a) {
    const k = key as keyof MetaParams;
    const x = a[k];
    const y = b[k];
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length || x.some((s, i) => s !== y[i])) return false;
    } else if (x !== y) return false;
  }
  return true;
}

function sameParams(a: ResourceSpec, b: ResourceSpec): string | undefined {
  const kind = getKind(a.kind);
  if (kind) return cmpWith(kind, a, b);
  if (a.params.size !== b.params.size) return 'the params differ';
  for (const [k, v] of a.params) {
    const w = b.params.get(k);
    if (w === undefined || !valueEqual(v, w)) return `the ${k} differs`;
  }
  return undefined;
}

function sameRecv(a: Vertex, b: Vertex): boolean {
  const x = a.recv ?? new Map();
  const y = b.recv ?? new Map();
  if (x.size !== y.size) return false;
  for (const [k, r] of x) {
    const s = y.get(k);
    if (!s || s.key !== r.key || vertexId(s.from) !== vertexId(r.from)) return false;
  }
  return true;
}

/** Why `b` cannot keep running as `a` (undefined: it can). */
export function vertexDiff(a: Vertex, b: Vertex): string | undefined {
  if (a.kind !== b.kind || a.name !== b.name) return 'a different resource';
  const p = sameParams(a, b);
  if (p) return p;
  if (!sameMeta(a.meta, b.meta)) return 'the meta params differ';
  if (!sameRecv(a, b)) return 'the send/recv wiring differs';
  const ga = a.group ?? [];
  const gb = b.group ?? [];
  if (ga.length !== gb.length) return 'the group differs';
  for (const m of ga) {
    const n = gb.find((x) => vertexId(x) === vertexId(m));
    if (!n) return 'the group differs';
    const d = vertexDiff(m, n);
    if (d) return `group member ${vertexId(m)}: ${d}`;
  }
  return undefined;
}

export interface SwapPlan<W> {
  kept: { worker: W; vertex: Vertex }[];
  /** New vertices, and changed ones (with the worker they replace). */
  started: { vertex: Vertex; replaces?: W }[];
  /** Workers to stop: removed vertices, and the old side of changed ones. */
  stopped: W[];
}

/** Plan a swap from the running workers (by vertex id) to `next`'s runnable vertices. */
export function planSwap<W extends { vertex: Vertex }>(running: Map<string, W>, next: Vertex[]): SwapPlan<W> {
  const plan: SwapPlan<W> = { kept: [], started: [], stopped: [] };
  const seen = new Set<string>();
  for (const v of next) {
    const id = vertexId(v);
    seen.add(id);
    const old = running.get(id);
    if (old && vertexDiff(old.vertex, v) === undefined) plan.kept.push({ worker: old, vertex: v });
    else {
      plan.started.push({ vertex: v, replaces: old });
      if (old) plan.stopped.push(old);
    }
  }
  for (const [id, w] of running) if (!seen.has(id)) plan.stopped.push(w);
  return plan;
}
