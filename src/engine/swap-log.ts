// What a swap tells the user: how many resources it added, changed (and
// which params), removed and kept, with their names, a few per line so that
// a graph of thousands still logs four short lines. A swap that changes
// nothing says so only at debug level (a program whose values tick every
// second would otherwise log every second).

import type { Logger } from '../util/log.js';
import type { Vertex } from './graph.js';
import { vertexId } from './graph.js';
import { changedParams, type SwapPlan } from './swap.js';

/** Names shown per line before `… and N more`. */
export const SWAP_LOG_NAMES = 6;

function list(items: string[]): string {
  if (items.length <= SWAP_LOG_NAMES) return items.join(', ');
  return `${items.slice(0, SWAP_LOG_NAMES).join(', ')} … and ${items.length - SWAP_LOG_NAMES} more`;
}

/** A vertex's resources: itself and the members grouped into it (each counts as one resource). */
const ids = (v: Vertex): string[] => [vertexId(v), ...(v.group ?? []).map(vertexId)];

/** The log lines of one swap, in the order they are printed (no prefix). */
export function describeSwap<W extends { vertex: Vertex }>(plan: SwapPlan<W>): string[] {
  const added: string[] = [];
  const changed: string[] = [];
  for (const { vertex, replaces } of plan.started) {
    if (!replaces) added.push(...ids(vertex));
    else {
      const what = changedParams(replaces.vertex, vertex);
      changed.push(`${vertexId(vertex)}${what.length ? ` (${what.join(', ')})` : ''}`);
    }
  }
  const replaced = new Set(plan.started.flatMap((s) => (s.replaces ? [s.replaces] : [])));
  const removed = plan.stopped.filter((w) => !replaced.has(w)).flatMap((w) => ids(w.vertex));
  const kept = plan.kept.reduce((n, k) => n + ids(k.vertex).length, 0);
  const lines = [`${added.length} added, ${changed.length} changed, ${removed.length} removed, ${kept} kept`];
  if (added.length) lines.push(`added ${list(added.sort())}`);
  if (changed.length) lines.push(`changed ${list(changed.sort())}`);
  if (removed.length) lines.push(`removed ${list(removed.sort())}`);
  return lines;
}

/** Log a swap at info level (only at debug when it changed nothing). */
export function logSwap<W extends { vertex: Vertex }>(plan: SwapPlan<W>, log: Logger, plannedMs: number): void {
  const lines = describeSwap(plan);
  const nothing = plan.started.length === 0 && plan.stopped.length === 0;
  if (nothing) log.debug(`swap: nothing changed (${plan.kept.length} kept)`);
  else for (const l of lines) log.info(`swap: ${l}`);
  log.debug(`swap: grouped and diffed in ${plannedMs.toFixed(1)} ms`);
}
