// What the interpreter says when a graph is wrong, placed where a person can
// fix it: the field a validation error is about, the values a param allows,
// the resources and edge statements of a cycle, and kinds that cannot run.

import type { Span } from './errors.js';
import type { IResItem } from './ir.js';
import { vertexId } from '../engine/graph.js';
import type { ResourceGraph, Vertex } from '../engine/graph.js';
import type { KindDef } from '../resources/kind.js';

/** `state "present" is not one of exists, absent` for a str param with a fixed set of values. */
export function notOneOf(kind: KindDef, v: Vertex): { param: string; reason: string } | undefined {
  for (const p of kind.params) {
    if (!p.oneOf) continue;
    const x = v.params.get(p.name);
    if (typeof x !== 'string' || p.oneOf.includes(x)) continue;
    const allowed = p.oneOf.filter((a) => a !== '').join(', ');
    return { param: p.name, reason: `${p.name} ${JSON.stringify(x)} is not one of ${allowed}` };
  }
  return undefined;
}

/**
 * The span of the field a validation reason is about: the first param whose
 * mcl name or Go field name the reason mentions as a word, when the resource
 * sets it; a reason about the path points at the name when no path is set.
 */
export function fieldSpan(kind: KindDef, items: IResItem[], reason: string, nameSpan: Span, param?: string): Span | undefined {
  const set = new Map<string, Span>();
  for (const it of items) if (it.k === 'field' && !set.has(it.name)) set.set(it.name, it.span);
  return fieldSpanIn(kind, set, reason, nameSpan, param);
}

/** fieldSpan over the spans of the params a resource sets, by name (the YAML graph's too). */
export function fieldSpanIn(kind: KindDef, set: Map<string, Span>, reason: string, nameSpan: Span, param?: string): Span | undefined {
  if (param) return set.get(param);
  let best: { at: number; span: Span } | undefined;
  for (const p of kind.params) {
    const span = set.get(p.name);
    if (!span) continue;
    for (const word of new Set([p.name, p.field])) {
      const m = new RegExp(`\\b${word.replace(/[^\w]/g, '')}\\b`).exec(reason);
      if (m && (!best || m.index < best.at)) best = { at: m.index, span };
    }
  }
  if (best) return best.span;
  if (/\bpath\b|\bname\b/i.test(reason)) return nameSpan;
  return undefined;
}

/** One cycle of the graph (first vertex repeated at the end), or undefined when it is a DAG. */
export function findCycle(g: ResourceGraph): Vertex[] | undefined {
  const adj = g.adjacency();
  const state = new Map<Vertex, 1 | 2>();
  const stack: Vertex[] = [];
  const visit = (v: Vertex): Vertex[] | undefined => {
    state.set(v, 1);
    stack.push(v);
    for (const w of adj.get(v) ?? []) {
      const s = state.get(w);
      if (s === 1) return [...stack.slice(stack.indexOf(w)), w];
      if (s === undefined) {
        const c = visit(w);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(v, 2);
    return undefined;
  };
  for (const v of g.vertices) {
    if (state.has(v)) continue;
    const c = visit(v);
    if (c) return c;
  }
  return undefined;
}

/** `file[/a] -> file[/b] -> file[/a]` */
export function cycleText(cycle: Vertex[]): string {
  return cycle.map(vertexId).join(' -> ');
}

/** Why a kind cannot run on this version (the text the engine gives when it tries), or undefined. */
export function cannotRun(kind: KindDef): string | undefined {
  if (kind.create) return undefined;
  return `the \`${kind.kind}\` resource kind cannot run yet: its Watch/CheckApply are not implemented in this version`;
}
