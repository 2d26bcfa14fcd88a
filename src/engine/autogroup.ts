// AutoGroup (§8.3 of the reference): merge vertices that one CheckApply can
// handle together (three pkg resources → one package transaction). Two
// vertices group when they are of the same kind (or the child's kind is
// below the parent's: `http:server:flag` into `http:server`), both have
// Meta:autogroup, the parent's kind consents (groupCmp), and no path joins
// them in either direction (grouping them would make a cycle). The grouped
// vertex keeps its members in `vertex.group`, and edges to a member move to
// the parent with their label unchanged.

import { getKind } from '../resources/index.js';
import type { ResourceGraph, Vertex } from './graph.js';
import { compareBytes } from '../lang/types/value.js';

const segments = (kind: string) => kind.split(':').length;

/** Upstream's order: more kind segments first, then kind descending, then name descending. */
export function groupOrder(a: Vertex, b: Vertex): number {
  const s = segments(b.kind) - segments(a.kind);
  if (s !== 0) return s;
  const k = compareBytes(b.kind, a.kind);
  if (k !== 0) return k;
  return compareBytes(b.name, a.name);
}

function kindsFit(parent: string, child: string): boolean {
  return parent === child || child.startsWith(parent + ':');
}

function mayGroup(g: ResourceGraph, parent: Vertex, child: Vertex): boolean {
  if (parent.meta.hidden || child.meta.hidden) return false;
  if (!parent.meta.autogroup || !child.meta.autogroup) return false;
  if (!kindsFit(parent.kind, child.kind)) return false;
  const consent = getKind(parent.kind)?.groupCmp;
  if (!consent || !consent(parent, child)) return false;
  return !g.hasPath(parent, child) && !g.hasPath(child, parent);
}

/** Move `child` (and anything grouped into it) into `parent`, redirecting its edges. */
function merge(g: ResourceGraph, parent: Vertex, child: Vertex): void {
  parent.group ??= [];
  parent.group.push(child, ...(child.group ?? []));
  child.group = undefined;
  g.vertices.splice(g.vertices.indexOf(child), 1);
  const kept: typeof g.edges = [];
  const seen = new Map<Vertex, Map<Vertex, (typeof g.edges)[number]>>();
  for (const e of g.edges) {
    if (e.from === child) e.from = parent;
    if (e.to === child) e.to = parent;
    if (e.from === e.to) continue;
    const dup = seen.get(e.from)?.get(e.to);
    if (dup) {
      dup.notify ||= e.notify;
      continue;
    }
    kept.push(e);
    const m = seen.get(e.from);
    if (m) m.set(e.to, e);
    else seen.set(e.from, new Map([[e.to, e]]));
  }
  g.edges.splice(0, g.edges.length, ...kept);
  g.reindex();
}

/** Group `g` in place; returns how many vertices were merged into others. */
export function autoGroup(g: ResourceGraph): number {
  // Only vertices of a kind that groups (or below one) take part: a graph
  // of kinds that never group costs one pass here, not a sort.
  const grouping = new Map<string, boolean>();
  const takesPart = (kind: string): boolean => {
    let t = grouping.get(kind);
    if (t === undefined) {
      const segs = kind.split(':');
      t = segs.some((_, i) => !!getKind(segs.slice(0, i + 1).join(':'))?.groupCmp);
      grouping.set(kind, t);
    }
    return t;
  };
  const order = g.vertices.filter((v) => v.meta.autogroup && !v.meta.hidden && takesPart(v.kind)).sort(groupOrder);
  // Only a kind that consents to grouping can be a parent, and only of its
  // own kind or the kinds below it: bucket the candidates so that a large
  // graph of kinds that never group costs nothing here.
  const family = new Map<string, Vertex[]>();
  for (const v of order) {
    const segs = v.kind.split(':');
    for (let i = 1; i <= segs.length; i++) {
      const k = segs.slice(0, i).join(':');
      const l = family.get(k);
      if (l) l.push(v);
      else family.set(k, [v]);
    }
  }
  const gone = new Set<Vertex>();
  let merged = 0;
  for (const v of order) {
    const kind = getKind(v.kind);
    if (gone.has(v) || !kind?.groupCmp || (kind.groupParent && !kind.groupParent(v))) continue;
    for (const w of family.get(v.kind) ?? []) {
      if (w === v || gone.has(w) || gone.has(v)) continue;
      if (!mayGroup(g, v, w)) continue;
      merge(g, v, w);
      gone.add(w);
      merged++;
    }
  }
  return merged;
}
