// A Puppet manifest as a frontend: evaluate, translate to mcl, compile, and
// hand the graph to the engine; when watching, again whenever the manifest
// or the facts file changes.

import { resolve } from 'node:path';
import { FileGraphSource } from '../engine/file-source.js';
import type { ResourceGraph } from '../engine/graph.js';
import { LangError } from '../lang/errors.js';
import { asLangError } from '../lang/index.js';
import { PuppetError, toLangError } from './errors.js';
import { manifestGraph } from './index.js';

export interface PuppetSourceOptions {
  watch: boolean;
  factsFile?: string;
  hostname?: string;
  localDir?: string;
}

export class PuppetSource extends FileGraphSource {
  private readonly path: string;

  constructor(
    path: string,
    private readonly opts: PuppetSourceOptions,
  ) {
    const abs = resolve(path);
    super(`puppet ${path}`, [abs, ...(opts.factsFile ? [resolve(opts.factsFile)] : [])], opts.watch);
    this.path = abs;
  }

  protected async load(): Promise<ResourceGraph> {
    return manifestGraph(this.path, { factsFile: this.opts.factsFile, hostname: this.opts.hostname, localDir: this.opts.localDir });
  }

  protected asError(e: unknown): LangError {
    return e instanceof PuppetError ? toLangError(e) : asLangError(e);
  }
}
