// A Puppet manifest as a frontend: evaluate, translate to mcl, compile, and
// hand the graph to the engine; when watching, do it again whenever the
// manifest or the facts file changes. A bad edit while running keeps the
// running graph and reports the error.

import { resolve } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import type { FSWatcher } from 'chokidar';
import type { GraphSink, GraphSource } from '../engine/frontend.js';
import { LangError } from '../lang/errors.js';
import { asLangError, firstGraph } from '../lang/index.js';
import { log } from '../util/log.js';
import { PuppetError } from './errors.js';
import { compileManifest } from './index.js';

export interface PuppetSourceOptions {
  watch: boolean;
  factsFile?: string;
  hostname?: string;
  localDir?: string;
  debounce?: number;
}

export class PuppetSource implements GraphSource {
  readonly describe: string;
  private readonly path: string;
  private sink?: GraphSink;
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private delivered = false;
  private stopped = false;

  constructor(
    path: string,
    private readonly opts: PuppetSourceOptions,
  ) {
    this.path = resolve(path);
    this.describe = `puppet ${path}`;
  }

  async start(sink: GraphSink): Promise<void> {
    this.sink = sink;
    await this.load();
    if (!this.opts.watch) return;
    const files = [this.path, ...(this.opts.factsFile ? [resolve(this.opts.factsFile)] : [])];
    this.watcher = chokidarWatch(files, { ignoreInitial: true, atomic: true });
    this.watcher.on('all', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.load(), this.opts.debounce ?? 50);
    });
    this.watcher.on('error', (e) => log.warn(`watching ${this.path}: ${(e as Error).message}`));
    const w = this.watcher;
    await new Promise<void>((r) => w.once('ready', () => r()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.watcher?.close();
  }

  private async load(): Promise<void> {
    if (this.stopped) return;
    try {
      const { compiled } = compileManifest(this.path, { factsFile: this.opts.factsFile, hostname: this.opts.hostname });
      // The translated mcl holds only values: one pass gives the whole graph.
      const graph = await firstGraph(compiled, { localDir: this.opts.localDir });
      this.delivered = true;
      this.sink?.graph(graph);
    } catch (e) {
      const err = e instanceof PuppetError ? new LangError('errLexParse', `puppet: ${e.message}`) : asLangError(e);
      this.sink?.error(err, !this.delivered);
    }
  }
}
