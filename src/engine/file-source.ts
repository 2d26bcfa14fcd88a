// A frontend that reads one or more files and makes a graph from them (YAML,
// Puppet): load once, then, when watching, again whenever a file changes. A
// bad edit while running keeps the running graph and reports the error.

import { watch as chokidarWatch } from 'chokidar';
import type { FSWatcher } from 'chokidar';
import type { LangError } from '../lang/errors.js';
import { log } from '../util/log.js';
import type { GraphSink, GraphSource } from './frontend.js';
import type { ResourceGraph } from './graph.js';

export abstract class FileGraphSource implements GraphSource {
  private sink?: GraphSink;
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private delivered = false;
  private stopped = false;

  constructor(
    readonly describe: string,
    /** The files whose changes make a new graph. */
    private readonly files: string[],
    private readonly watch: boolean,
    private readonly debounce = 50,
  ) {}

  /** Read the files and make the graph; throw to report a problem. */
  protected abstract load(): Promise<ResourceGraph> | ResourceGraph;
  /** Turn what `load` threw into the error users see. */
  protected abstract asError(e: unknown): LangError;

  async start(sink: GraphSink): Promise<void> {
    this.sink = sink;
    await this.reload();
    if (!this.watch) return;
    const w = chokidarWatch(this.files, { ignoreInitial: true, atomic: true });
    this.watcher = w;
    w.on('all', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.reload(), this.debounce);
    });
    w.on('error', (e) => log.warn(`watching ${this.files.join(', ')}: ${(e as Error).message}`));
    // Resolve once watching, so that no early edit goes unseen.
    await new Promise<void>((r) => w.once('ready', () => r()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.watcher?.close();
  }

  private async reload(): Promise<void> {
    if (this.stopped) return;
    try {
      const graph = await this.load();
      if (this.stopped) return;
      this.delivered = true;
      this.sink?.graph(graph);
    } catch (e) {
      this.sink?.error(this.asError(e), !this.delivered);
    }
  }
}
