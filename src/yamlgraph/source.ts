// The YAML graph as a frontend: read the file, hand the graph to the
// engine, and (when watching) read it again whenever it changes. A bad edit
// while running keeps the running graph and reports the error.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import type { FSWatcher } from 'chokidar';
import type { GraphSink, GraphSource } from '../engine/frontend.js';
import { LangError } from '../lang/errors.js';
import { log } from '../util/log.js';
import { parseYamlGraph } from './parse.js';
import type { YamlOptions } from './parse.js';

export interface YamlSourceOptions extends YamlOptions {
  watch: boolean;
  /** Milliseconds to wait for more changes before reading again. */
  debounce?: number;
}

export class YamlSource implements GraphSource {
  readonly describe: string;
  private readonly path: string;
  private sink?: GraphSink;
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private delivered = false;
  private lastWarnings = '';
  private stopped = false;

  constructor(
    path: string,
    private readonly opts: YamlSourceOptions,
  ) {
    this.path = resolve(path);
    this.describe = `yaml ${path}`;
  }

  async start(sink: GraphSink): Promise<void> {
    this.sink = sink;
    this.load();
    if (this.opts.watch) {
      this.watcher = chokidarWatch(this.path, { ignoreInitial: true, atomic: true });
      this.watcher.on('all', () => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.load(), this.opts.debounce ?? 50);
      });
      this.watcher.on('error', (e) => log.warn(`watching ${this.path}: ${(e as Error).message}`));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.watcher?.close();
  }

  private load(): void {
    if (this.stopped) return;
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      this.sink?.error(new LangError('errLexParse', `could not read ${this.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`), !this.delivered);
      return;
    }
    try {
      const { graph, warnings } = parseYamlGraph(text, this.path, this.opts);
      const w = warnings.join('\n');
      if (w !== this.lastWarnings) for (const line of warnings) log.warn(line);
      this.lastWarnings = w;
      this.delivered = true;
      this.sink?.graph(graph);
    } catch (e) {
      const err = e instanceof LangError ? e : new LangError('errGraph', `${this.path}: ${(e as Error).message}`);
      this.sink?.error(err, !this.delivered);
    }
  }
}
