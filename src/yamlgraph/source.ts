// The YAML graph as a frontend: read the file, hand the graph to the
// engine, and (when watching) read it again whenever it changes. A bad edit
// while running keeps the running graph and reports the error.

import { readFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { FileGraphSource } from '../engine/file-source.js';
import type { ResourceGraph } from '../engine/graph.js';
import { LangError } from '../lang/errors.js';
import { log } from '../util/log.js';
import { parseYamlGraph } from './parse.js';
import type { YamlCollect, YamlOptions } from './parse.js';
import { vertexId } from '../engine/graph.js';
import { exportedPrefix } from '../world/keys.js';
import { WORLD_PATIENCE_MS, patiently, vertexOf } from '../world/resources.js';
import type { World } from '../world/world.js';

export interface YamlSourceOptions extends YamlOptions {
  watch: boolean;
  /** Milliseconds to wait for more changes before reading again. */
  debounce?: number;
  /** Where `collect:` finds other hosts' exports; without it nothing is collected. */
  world?: World;
  hostname?: string;
}

export class YamlSource extends FileGraphSource {
  private readonly path: string;
  private lastWarnings = '';
  /** World watches by collected kind: an export anywhere makes a new graph here. */
  private readonly collectWatches = new Map<string, () => void>();

  constructor(
    path: string,
    private readonly opts: YamlSourceOptions,
  ) {
    const abs = resolve(path);
    super(`yaml ${path}`, [abs], opts.watch, opts.debounce);
    this.path = abs;
  }

  protected async load(): Promise<ResourceGraph> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      throw new LangError('errLexParse', `could not read ${this.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const { graph, warnings, collect } = parseYamlGraph(text, this.path, this.opts);
    await this.collect(graph, collect, warnings);
    // Warn once per distinct set of warnings, not on every reload.
    const w = warnings.join('\n');
    if (w !== this.lastWarnings) for (const line of warnings) log.warn(line);
    this.lastWarnings = w;
    return graph;
  }

  /** Add the exported resources `collect:` asks for; for file, moved into `pattern` under their base name. */
  private async collect(graph: ResourceGraph, specs: YamlCollect[], warnings: string[]): Promise<void> {
    const world = this.opts.world;
    const kinds = new Set(specs.map((c) => c.kind));
    for (const [kind, stop] of this.collectWatches) {
      if (kinds.has(kind)) continue;
      stop();
      this.collectWatches.delete(kind);
    }
    if (!world) return;
    for (const kind of kinds) {
      if (!this.collectWatches.has(kind)) this.collectWatches.set(kind, world.watch(exportedPrefix(kind), () => this.refresh()));
    }
    const host = this.opts.hostname ?? osHostname();
    for (const c of specs) {
      // With etcd unreachable, run the rest of the graph; the late answer makes a new graph.
      const offered = await patiently(world.collectResources(c.kind, host), WORLD_PATIENCE_MS, undefined, () => this.refresh());
      if (!offered) warnings.push(`${this.path}: the World did not answer: nothing of kind ${c.kind} collected yet`);
      for (const r of offered ?? []) {
        let v;
        try {
          v = vertexOf(r);
        } catch (e) {
          warnings.push(`${this.path}: ${(e as Error).message} (not collected)`);
          continue;
        }
        v.meta.hidden = false;
        if (c.kind === 'file' && c.pattern) {
          const path = v.params.get('path');
          v.params.set('path', join(c.pattern, basename(typeof path === 'string' ? path : v.name)));
        }
        const have = graph.vertices.find((x) => !x.meta.hidden && vertexId(x) === vertexId(v));
        if (have) {
          if (JSON.stringify([...have.params]) !== JSON.stringify([...v.params])) {
            warnings.push(`${this.path}: collected ${vertexId(v)} from ${r.host} clashes with a resource of that name here (not collected)`);
          }
          continue;
        }
        graph.addVertex(v);
      }
    }
  }

  override async stop(): Promise<void> {
    for (const stop of this.collectWatches.values()) stop();
    this.collectWatches.clear();
    await super.stop();
  }

  protected asError(e: unknown): LangError {
    return e instanceof LangError ? e : new LangError('errGraph', `${this.path}: ${(e as Error).message}`);
  }
}
