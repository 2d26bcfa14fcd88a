// The YAML graph as a frontend: read the file, hand the graph to the
// engine, and (when watching) read it again whenever it changes. A bad edit
// while running keeps the running graph and reports the error.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FileGraphSource } from '../engine/file-source.js';
import type { ResourceGraph } from '../engine/graph.js';
import { LangError } from '../lang/errors.js';
import { log } from '../util/log.js';
import { parseYamlGraph } from './parse.js';
import type { YamlOptions } from './parse.js';

export interface YamlSourceOptions extends YamlOptions {
  watch: boolean;
  /** Milliseconds to wait for more changes before reading again. */
  debounce?: number;
}

export class YamlSource extends FileGraphSource {
  private readonly path: string;
  private lastWarnings = '';

  constructor(
    path: string,
    private readonly opts: YamlSourceOptions,
  ) {
    const abs = resolve(path);
    super(`yaml ${path}`, [abs], opts.watch, opts.debounce);
    this.path = abs;
  }

  protected load(): ResourceGraph {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      throw new LangError('errLexParse', `could not read ${this.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const { graph, warnings } = parseYamlGraph(text, this.path, this.opts);
    // Warn once per distinct set of warnings, not on every reload.
    const w = warnings.join('\n');
    if (w !== this.lastWarnings) for (const line of warnings) log.warn(line);
    this.lastWarnings = w;
    return graph;
  }

  protected asError(e: unknown): LangError {
    return e instanceof LangError ? e : new LangError('errGraph', `${this.path}: ${(e as Error).message}`);
  }
}
