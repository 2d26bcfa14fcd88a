// The resource graph: the only thing the engine accepts from a frontend (mcl,
// YAML, Puppet). Vertices are resources, edges mean "apply before", with an
// optional refresh notification. Plain data plus a few queries.

import type { Span } from '../lang/errors.js';
import type { ResourceSpec } from '../resources/kind.js';
import type { Value } from '../lang/types/value.js';

export interface Vertex extends ResourceSpec {
  /** Where the resource was declared, when it came from code. */
  span?: Span;
  /** Send/recv wiring into this vertex: param → (sender vertex, send key). */
  recv?: Map<string, { from: Vertex; key: string }>;
  /** Members grouped into this vertex by AutoGroup. */
  group?: Vertex[];
}

export interface Edge {
  from: Vertex;
  to: Vertex;
  /** A refresh notification travels along this edge. */
  notify: boolean;
  /** The edge's own name, fixed when it was created (`kind1[a] -> kind2[b]`). */
  label: string;
}

export function vertexId(v: { kind: string; name: string }): string {
  return `${v.kind}[${v.name}]`;
}

export class ResourceGraph {
  readonly vertices: Vertex[] = [];
  readonly edges: Edge[] = [];
  /**
   * from → to → edge, so that adding an edge stays O(1). Code that edits
   * `edges` directly (autogroup, autoedge) changes its length or calls
   * `reindex()`; a stale index is rebuilt before use.
   */
  private index = new Map<Vertex, Map<Vertex, Edge>>();
  private indexed = 0;

  addVertex(v: Vertex): void {
    this.vertices.push(v);
  }

  /** Adds an edge, or ORs `notify` into an existing edge between the same pair. */
  addEdge(from: Vertex, to: Vertex, notify: boolean, label = `${vertexId(from)} -> ${vertexId(to)}`): Edge {
    if (this.indexed !== this.edges.length) this.reindex();
    let have = this.index.get(from)?.get(to);
    if (have && (have.from !== from || have.to !== to)) {
      this.reindex();
      have = this.index.get(from)?.get(to);
    }
    if (have) {
      have.notify ||= notify;
      return have;
    }
    const e: Edge = { from, to, notify, label };
    this.edges.push(e);
    this.remember(e);
    this.indexed = this.edges.length;
    return e;
  }

  /** Rebuild the edge index after `edges` was edited in place. */
  reindex(): void {
    this.index = new Map();
    for (const e of this.edges) this.remember(e);
    this.indexed = this.edges.length;
  }

  private remember(e: Edge): void {
    const m = this.index.get(e.from);
    if (m) {
      if (!m.has(e.to)) m.set(e.to, e);
    } else this.index.set(e.from, new Map([[e.to, e]]));
  }

  find(kind: string, name: string): Vertex | undefined {
    return this.vertices.find((v) => v.kind === kind && v.name === name);
  }

  /** Is there a path from `a` to `b` (following edge directions)? */
  hasPath(a: Vertex, b: Vertex): boolean {
    const adj = this.adjacency();
    const seen = new Set<Vertex>();
    const stack = [a];
    while (stack.length) {
      const v = stack.pop()!;
      if (v === b) return true;
      if (seen.has(v)) continue;
      seen.add(v);
      for (const w of adj.get(v) ?? []) stack.push(w);
    }
    return false;
  }

  adjacency(): Map<Vertex, Vertex[]> {
    const adj = new Map<Vertex, Vertex[]>();
    for (const e of this.edges) {
      const l = adj.get(e.from);
      if (l) l.push(e.to);
      else adj.set(e.from, [e.to]);
    }
    return adj;
  }

  /** Vertices in dependency order, or undefined when the graph has a cycle. */
  topoSort(): Vertex[] | undefined {
    const indeg = new Map<Vertex, number>(this.vertices.map((v) => [v, 0]));
    for (const e of this.edges) indeg.set(e.to, (indeg.get(e.to) ?? 0) + 1);
    const adj = this.adjacency();
    const ready = this.vertices.filter((v) => indeg.get(v) === 0);
    const out: Vertex[] = [];
    while (ready.length) {
      const v = ready.pop()!;
      out.push(v);
      for (const w of adj.get(v) ?? []) {
        const n = indeg.get(w)! - 1;
        indeg.set(w, n);
        if (n === 0) ready.push(w);
      }
    }
    return out.length === this.vertices.length ? out : undefined;
  }
}

/** A vertex param's value, or undefined when unset. */
export function param(v: Vertex, name: string): Value | undefined {
  return v.params.get(name);
}
