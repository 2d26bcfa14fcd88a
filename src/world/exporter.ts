// The exporter: after every swap (and every engine change, which covers
// values that send/recv delivered) it hands the World the resources this
// host exports. Unchanged sets make no call; writes are serialised by the
// World, and while one is in flight the host does not count as converged.

import type { ResourceGraph } from '../engine/graph.js';
import type { ResourceSpec } from '../resources/kind.js';
import { log } from '../util/log.js';
import { exportsOf } from './resources.js';
import type { World } from './world.js';

export class Exporter {
  private last = '';
  private pending = 0;
  /** The last graph seen and whether anything in it exports: most graphs export nothing, and engine changes are many. */
  private graph?: ResourceGraph;
  private anyExports = false;

  constructor(
    private readonly world: World,
    private readonly host: string,
    private readonly specOf: (id: string) => ResourceSpec | undefined,
    /** Called when the exporter becomes idle again. */
    private readonly onIdle: () => void = () => {},
  ) {}

  update(g: ResourceGraph): void {
    if (g !== this.graph) {
      this.graph = g;
      this.anyExports = g.vertices.some((v) => v.meta.export.length > 0 || v.group?.some((m) => m.meta.export.length > 0));
    }
    if (!this.anyExports && this.last === '[]') return;
    const res = exportsOf(g, this.host, this.specOf);
    const text = JSON.stringify(res);
    if (text === this.last) return;
    this.last = text;
    this.pending++;
    this.world.exportResources(this.host, res).then(
      () => log.debug(`exported ${res.length} resource(s)`),
      (e: Error) => {
        this.last = ''; // try again on the next change
        log.warn(`could not export resources: ${e.message}`);
      },
    ).finally(() => {
      if (--this.pending === 0) this.onIdle();
    });
  }

  get idle(): boolean {
    return this.pending === 0;
  }
}
