// How far an agent is from the initiator: each remote agent is started with
// MGMT_REMOTE_DEPTH one more than its starter's. The remote resource runs the
// same program on the remote host, so a `remote` resource not guarded by
// `$hostname` would start agents without end; the limit turns that into an
// error on the resource instead of a chain of SSH logins.

/** Hops allowed from the initiator (a jump through up to three agents). */
export const MAX_REMOTE_DEPTH = 4;

/** 0 on the initiator, N on an agent N hops away. */
export function remoteDepth(): number {
  const n = Number(process.env.MGMT_REMOTE_DEPTH ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** Why this agent may not start another (undefined when it may). */
export function depthRefusal(target: string, from: string, to: string): string | undefined {
  if (to === from) {
    return `${target} would run as \`${to}\`, the host running this remote resource: it would start itself again. Guard the resource with \`if $hostname == "…"\`, or give the remote agent another hostname`;
  }
  if (remoteDepth() >= MAX_REMOTE_DEPTH) {
    return `not starting ${target}: this agent is already ${remoteDepth()} hops from the initiator (the most is ${MAX_REMOTE_DEPTH}). The remote agent runs the same program: guard its remote resources with \`if $hostname == "…"\` so that each host starts only the ones meant for it`;
  }
  return undefined;
}
