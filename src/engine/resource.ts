// The resource contract: what the engine calls on a running resource, and
// what it gives the resource in return (ResourceRuntime). A kind's language
// facts (params, validate, cmp, autoedges) are its KindDef; its behaviour on
// the machine is a Resource made by `KindDef.create`.

import type { Value } from '../lang/types/value.js';
import type { ResourceSpec } from '../resources/kind.js';
import type { Logger } from '../util/log.js';
import type { World } from '../world/world.js';

export interface ResourceRuntime {
  /** Lines are prefixed with `kind[name]: ` already. */
  log: Logger;
  /** Aborted when the resource stops (removed by a swap, or shutdown). */
  signal: AbortSignal;
  /** Watch: something this resource manages may have changed; the engine will CheckApply. */
  event(): void;
  /** Watch: the watch is set up; call once. */
  running(): void;
  /** A private directory for this resource's state, kept across runs. */
  stateDir: string;
  /** The shared key/value and resource-exchange store. */
  world: World;
  hostname: string;
  /** Whether a refresh notification arrived for the CheckApply now running (then consumed). */
  refresh(): boolean;
  /** Send/recv: publish the values this resource sends (keys per its KindDef.sends). */
  send(values: Record<string, Value>): void;
}

/** One member of a grouped vertex, for Resource.checkApplyGroup. */
export interface GroupMember {
  resource: Resource;
  rt: ResourceRuntime;
}

export interface Resource {
  /** The desired state, as the language (or YAML, or Puppet) produced it. Params may be rewritten by send/recv. */
  spec: ResourceSpec;
  /** Called once before watch/checkApply; may open connections. */
  init(rt: ResourceRuntime): Promise<void>;
  /**
   * Watch the machine for changes to what this resource manages. Calls
   * rt.running() once ready and rt.event() on every change; resolves only
   * when rt.signal aborts (or rejects on a watch failure, retried per meta).
   */
  watch(rt: ResourceRuntime): Promise<void>;
  /**
   * Bring the machine to the desired state. Returns true when it already was
   * (nothing changed). With apply=false (noop) it must change nothing and
   * only report whether a change would be needed.
   */
  checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean>;
  /**
   * Optional, for kinds that AutoGroup into one operation (pkg: one package
   * transaction for every member). When a grouped vertex's own resource has
   * it, the engine calls it once with every member (this resource first, then
   * the grouped ones, each with its own runtime) instead of each member's
   * checkApply. Returns, per member in the same order, whether it was in state.
   */
  checkApplyGroup?(members: GroupMember[], apply: boolean): Promise<boolean[]>;
  /** Release what init opened. */
  cleanup(): Promise<void>;
}

/** The error a kind without an implementation gives when run: never silently nothing. */
export class NotImplementedResource extends Error {
  constructor(kind: string) {
    super(`the \`${kind}\` resource kind cannot run yet: its Watch/CheckApply are not implemented in this version`);
  }
}

/**
 * Thrown by a CheckApply (the `exit` kind) to ask the program to end with
 * `code`. It is a request, not a failure: the engine should stop the graph
 * cleanly and exit with the code rather than count it as an error.
 */
export class ExitRequest extends Error {
  constructor(readonly code: number) {
    super(`exit requested with code ${code}`);
    this.name = 'ExitRequest';
  }
}
