// World: the store that agents share. One interface, two implementations:
// the embedded store (in-process, persisted under the agent's prefix; the
// default for one machine) and the etcd store (a cluster). Resources and
// functions never know which one is behind it.

import type { Value } from '../lang/types/value.js';
import type { Scheduler } from './scheduler.js';

/** A resource exported to other hosts (Meta:export), as stored in the World. */
export interface ExportedResource {
  kind: string;
  name: string;
  /** The host that exported it. */
  host: string;
  /** The hosts it is exported to (`*` = all). */
  to: string[];
  /** Params by mcl name, encoded as plain JSON-able data. */
  params: Record<string, unknown>;
  /** Meta params as plain JSON-able data (the collector clears `export`). */
  meta?: Record<string, unknown>;
}

export interface World {
  /** Key/value store shared by all hosts (kv resource, world.getval). */
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** All keys under a prefix. */
  list(prefix: string): Promise<Map<string, string>>;
  /** Calls `cb` whenever a key under `prefix` changes; returns an unsubscribe function. */
  watch(prefix: string, cb: () => void): () => void;

  /** Replace the set of resources this host exports. */
  exportResources(host: string, res: ExportedResource[]): Promise<void>;
  /** Resources of a kind exported to `host`. */
  collectResources(kind: string, host: string): Promise<ExportedResource[]>;

  /** The scheduler: hosts taking part in namespaces, and which are chosen (schedule resource, world.schedule). */
  readonly scheduler: Scheduler;

  /** Per-host values of the runtime state of `value` resources (value.get*). Read only: change them with setLocal. */
  readonly localValues: ReadonlyMap<string, Value>;
  /** Set (or, with undefined, remove) a local value, and tell its watchers. */
  setLocal(key: string, value: Value | undefined): void;
  /** Calls `cb` whenever the local value under `key` changes; returns an unsubscribe function. */
  watchLocal(key: string, cb: () => void): () => void;

  /**
   * Cluster-wide convergence (the etcd World only): publish this host's
   * converged state, and learn every live host's. Absent on the embedded
   * store, where the host is the whole cluster.
   */
  setConverged?(converged: boolean): void;
  watchConverged?(cb: (hosts: ReadonlyMap<string, boolean>) => void): () => void;

  close(): Promise<void>;
}
