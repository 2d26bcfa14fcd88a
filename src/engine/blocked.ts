// Why a vertex cannot run: one of its dependencies failed for good (its
// retries are spent, or it could not start), or was itself skipped for that
// reason. The worker logs this once (`skipped: depends on hostname[h], which
// failed`) and `mgmt run` counts it at the end: a vertex must never just not
// appear.

/** What blocked.ts needs to know about a dependency. */
export interface DepState {
  readonly id: string;
  readonly permanentFailure: string | undefined;
  readonly skipped: string | undefined;
}

/** The reason a vertex with these dependencies is skipped, or undefined when none failed. */
export function blockedBy(deps: readonly DepState[]): string | undefined {
  // The same dependency is named whatever order the edges came in.
  const sorted = [...deps].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const failed = sorted.find((d) => d.permanentFailure !== undefined);
  if (failed) return `depends on ${failed.id}, which failed`;
  const skipped = sorted.find((d) => d.skipped !== undefined);
  if (skipped) return `depends on ${skipped.id}, which was skipped`;
  return undefined;
}
