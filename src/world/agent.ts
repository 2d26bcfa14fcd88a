// What `mgmt run` needs of the World beyond the store itself: which store
// (`--seeds URL,…`: the etcd World, a client of that cluster; otherwise the
// embedded one), and convergence that spans the cluster — this host publishes
// its own state, and counts as converged only while every live host is.

import { hostname as osHostname } from 'node:os';
import { EmbeddedWorld } from './embedded.js';
import { EtcdWorld } from './etcd.js';
import type { World } from './world.js';

/** Client URLs from `--seeds a,b`; throws a message for the user on a bad one. */
export function parseSeeds(text: string): string[] {
  const urls = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (!urls.length) throw new Error('--seeds needs at least one client URL, like http://127.0.0.1:2379');
  for (const u of urls) {
    let url: URL;
    try {
      url = new URL(u);
    } catch {
      throw new Error(`--seeds: \`${u}\` is not a URL (like http://127.0.0.1:2379)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--seeds: \`${u}\` must be an http:// or https:// URL`);
  }
  return urls;
}

export function openWorld(opts: { seeds?: string; hostname?: string; dir?: string }): World {
  if (opts.seeds === undefined) return new EmbeddedWorld(opts.dir);
  return new EtcdWorld({ endpoints: parseSeeds(opts.seeds), hostname: opts.hostname ?? osHostname() });
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
