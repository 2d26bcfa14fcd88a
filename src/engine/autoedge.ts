// AutoEdge: each resource names the identities it seeks (a file its parent
// directories, an exec the file of its command…); the first resource that
// provides an equal identity gets an edge. Resources with
// `Meta:autoedge => false` neither seek nor are found.

import { getKind } from '../resources/index.js';
import { addPkgAutoEdges } from '../resources/pkg/autoedge.js';
import type { Logger } from '../util/log.js';
import type { Uid } from '../resources/kind.js';
import type { ResourceGraph, Vertex } from './graph.js';
import { vertexId } from './graph.js';

const uidKey = (u: Uid) => `${u.kind}\u0000${u.key}`;

function uidsOf(v: Vertex): Uid[] {
  const kind = getKind(v.kind);
  return kind?.uids ? kind.uids(v) : [{ kind: v.kind, key: v.name }];
}

/** Adds the automatic edges to `graph` in place; returns how many were added. */
export function addAutoEdges(graph: ResourceGraph): number {
  const providers = new Map<string, Vertex[]>();
  for (const v of graph.vertices) {
    if (!v.meta.autoedge) continue;
    for (const u of uidsOf(v)) {
      const k = uidKey(u);
      const l = providers.get(k);
      if (l) l.push(v);
      else providers.set(k, [v]);
    }
  }
  let added = 0;
  const before = graph.edges.length;
  // The pairs already joined: an automatic edge over one of them changes
  // nothing (addEdge would OR in notify=false), and checking here instead of
  // through addEdge's scan of every edge keeps large graphs linear.
  const joined = new Map<Vertex, Set<Vertex>>();
  const join = (from: Vertex, to: Vertex): void => {
    const have = joined.get(from);
    if (have?.has(to)) return;
    if (have) have.add(to);
    else joined.set(from, new Set([to]));
    graph.edges.push({ from, to, notify: false, label: `${vertexId(from)} -> ${vertexId(to)}` });
  };
  for (const e of graph.edges) {
    const have = joined.get(e.from);
    if (have) have.add(e.to);
    else joined.set(e.from, new Set([e.to]));
  }
  for (const v of graph.vertices) {
    if (!v.meta.autoedge) continue;
    const kind = getKind(v.kind);
    for (const req of kind?.autoEdges?.(v) ?? []) {
      for (const u of req.uids) {
        const other = providers.get(uidKey(u))?.find((w) => w !== v);
        if (!other) continue;
        if (req.direction === 'before-me') join(other, v);
        else join(v, other);
        if (req.firstOnly) break;
      }
    }
  }
  added = graph.edges.length - before;
  return added;
}

/**
 * The AutoEdges that must ask the machine, so cannot be in the synchronous
 * pass above: pkg → file/svc from the packages' file lists (PackageKit). The
 * engine awaits this on each graph it swaps in, before AutoGroup; it never
 * throws and costs nothing for graphs without both a pkg and a file or svc.
 */
export async function addAsyncAutoEdges(graph: ResourceGraph, log?: Logger): Promise<number> {
  return addPkgAutoEdges(graph, log);
}
