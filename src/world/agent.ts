// What `mgmt run` needs of the World beyond the store itself: which store
// (the etcd World when the cluster flags joined or started a cluster; otherwise
// the embedded one), and convergence that spans the cluster — this host publishes
// its own state, and counts as converged only while every live host is.

import { hostname as osHostname } from 'node:os';
import { EmbeddedWorld } from './embedded.js';
import { EtcdWorld } from './etcd.js';
import type { World } from './world.js';
import type { Cluster } from '../cluster/cluster.js';

/**
 * The World of this agent: the etcd World on the cluster's endpoints when the
 * cluster flags started or joined one (src/cluster/), else the embedded store.
 */
export function openWorld(opts: { cluster?: Cluster; hostname?: string; dir?: string }): World {
  if (!opts.cluster) return new EmbeddedWorld(opts.dir);
  const world = new EtcdWorld({ endpoints: opts.cluster.endpoints, tls: opts.cluster.tls, hostname: opts.hostname ?? osHostname() });
  // Members come and go: the World's client follows them (without it, losing the members it started with cuts it off).
  opts.cluster.onEndpoints((eps) => void world.setEndpoints(eps));
  return world;
}

/**
 * Cluster-wide convergence. `local()` says whether this host is converged;
 * `poke` is told whenever the answer of `converged()` may have changed.
 */
export class ClusterConvergence {
  private hosts?: ReadonlyMap<string, boolean>;
  private readonly stop?: () => void;

  constructor(
    private readonly world: World,
    private readonly host: string,
    private readonly local: () => boolean,
    poke: () => void,
  ) {
    if (world.watchConverged) {
      this.stop = world.watchConverged((m) => {
        this.hosts = m;
        poke();
      });
    }
  }

  /** Publish this host's state (the World writes only changes). */
  update(): void {
    this.world.setConverged?.(this.local());
  }

  /** This host, and every host of the cluster that is alive, converged (alone: just this host). */
  converged(): boolean {
    if (!this.local()) return false;
    if (!this.world.watchConverged) return true;
    const h = this.hosts;
    if (!h || h.get(this.host) !== true) return false;
    for (const v of h.values()) if (!v) return false;
    return true;
  }

  close(): void {
    this.stop?.();
  }
}
