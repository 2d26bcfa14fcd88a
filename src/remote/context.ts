// What the `remote` resource needs to know about the run it is part of: the
// program it sends (the remote agent runs the same program under its own
// hostname, as upstream's agents get the same deploy), the etcd it tunnels
// to, and the run's --converged-timeout (inherited by transient agents).
// Set once by `mgmt run`; kept apart from the SSH code so it loads nothing.

export interface RunContext {
  /** The --lang program, resolved; undefined for --yaml and --puppet runs. */
  program?: string;
  /** The etcd client URL of this run's World, when it has one. */
  etcd?: () => string | undefined;
  /** This run's --converged-timeout (-1: never exits). */
  convergedTimeout: number;
}

let current: RunContext = { convergedTimeout: -1 };

export function setRunContext(c: RunContext): void {
  current = c;
}

export function runContext(): RunContext {
  return current;
}
