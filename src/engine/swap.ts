// Swap: how a new graph is diffed against the running one. A vertex is kept
// (its Watch keeps running and it is not re-applied) when one of the same
// (kind, name) runs already and the kind's cmp finds the same desired state,
// with the same meta params, group members and send/recv wiring. Everything
// else is replaced: the old one stopped and cleaned up, the new one started.

import { valueEqual } from '../lang/types/value.js';
import { cmpWith, sameParam } from '../resources/common.js';
import { getKind } from '../resources/index.js';
import type { MetaParams, ResourceSpec } from '../resources/kind.js';
import { vertexId } from './graph.js';
import type { Vertex } from './graph.js';

function sameMetaKey(a: MetaParams, b: MetaParams, k: keyof MetaParams): boolean {
  const x = a[k];
  const y = b[k];
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((s, i) => s === y[i]);
  return x === y;
}

function sameMeta(a: MetaParams, b: MetaParams): boolean {
  for (const key in a) if (!sameMetaKey(a, b, key as keyof MetaParams)) return false;
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

/**
 * What differs between the running `a` and the new `b` of the same kind and
 * name, by mcl name (`content`, `Meta:retry`, `send/recv`, `group`), every
 * difference and not only the first. For the swap's log: `vertexDiff` decides.
 */
export function changedParams(a: Vertex, b: Vertex): string[] {
  const out: string[] = [];
  const defs = getKind(a.kind)?.params;
  if (defs) {
    for (const p of defs) if (!sameParam(a, b, p)) out.push(p.name);
  } else {
    for (const k of new Set([...a.params.keys(), ...b.params.keys()])) {
      const x = a.params.get(k);
      const y = b.params.get(k);
      if (x === undefined || y === undefined ? x !== y : !valueEqual(x, y)) out.push(k);
    }
  }
  for (const key in a.meta) if (!sameMetaKey(a.meta, b.meta, key as keyof MetaParams)) out.push(`Meta:${key}`);
  if (!sameRecv(a, b)) out.push('send/recv');
  const ga = a.group ?? [];
  const gb = b.group ?? [];
  const members = new Set([...ga, ...gb].map(vertexId));
  for (const id of [...members].sort()) {
    const m = ga.find((x) => vertexId(x) === id);
    const n = gb.find((x) => vertexId(x) === id);
    if (!m || !n) out.push(`group (${id} ${m ? 'left' : 'joined'})`);
    else for (const p of changedParams(m, n)) out.push(`${id} ${p}`);
  }
  return out;
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
