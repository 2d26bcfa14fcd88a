// A frontend that reads one or more files and makes a graph from them (YAML,
// Puppet): load once, then, when watching, again whenever a file changes. A
// bad edit while running keeps the running graph and reports the error.

import type { LangError } from '../lang/errors.js';
import { SourceWatcher } from '../util/source-watch.js';
import type { GraphSink, GraphSource } from './frontend.js';
import type { ResourceGraph } from './graph.js';

export abstract class FileGraphSource implements GraphSource {
  private sink?: GraphSink;
  private watcher?: SourceWatcher;
  private delivered = false;
  private stopped = false;
  /** Loads may be async and overlap: only the newest one's graph is delivered. */
  private generation = 0;

  constructor(
    readonly describe: string,
    /** The files whose changes make a new graph. */
    private readonly files: string[],
    private readonly watch: boolean,
    private readonly debounce?: number,
  ) {}

  /** Read the files and make the graph; throw to report a problem. */
  protected abstract load(): Promise<ResourceGraph> | ResourceGraph;
  /** Turn what `load` threw into the error users see. */
  protected abstract asError(e: unknown): LangError;

  async start(sink: GraphSink): Promise<void> {
    this.sink = sink;
    await this.reload();
    if (!this.watch) return;
    this.watcher = new SourceWatcher(this.files, () => void this.reload(), this.debounce);
    // Resolve once watching, so that no early edit goes unseen.
    await this.watcher.whenReady();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.watcher?.close();
  }

  /** Make a new graph now (something besides the files changed, e.g. the World). */
  protected refresh(): void {
    void this.reload();
  }

  private async reload(): Promise<void> {
    if (this.stopped) return;
    const gen = ++this.generation;
    try {
      const graph = await this.load();
      if (this.stopped || gen !== this.generation) return;
      this.delivered = true;
      this.sink?.graph(graph);
    } catch (e) {
      if (this.stopped || gen !== this.generation) return;
      this.sink?.error(this.asError(e), !this.delivered);
    }
  }
}
