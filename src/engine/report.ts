// What `mgmt run` says when it ends (converged, --max-runtime, a signal):
// every vertex that failed for good with its reason, every vertex that never
// ran because of one (skipped), and a one-line count of both.

import type { Logger } from '../util/log.js';

export interface Outcome {
  failures(): { id: string; why: string }[];
  skipped(): { id: string; why: string }[];
}

/** Log the failed and skipped vertices; true when there was any. */
export function reportOutcome(engine: Outcome, log: Logger): boolean {
  const failed = engine.failures();
  const skipped = engine.skipped();
  for (const f of failed) log.error(`${f.id}: ${f.why}`);
  for (const s of skipped) log.error(`${s.id}: skipped: ${s.why}`);
  if (failed.length + skipped.length === 0) return false;
  log.error(`summary: ${failed.length} failed, ${skipped.length} skipped`);
  return true;
}
