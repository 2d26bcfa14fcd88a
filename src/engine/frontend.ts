// A frontend is anything that produces a stream of resource graphs: mcl (a
// new graph whenever the code, a file it reads, or a function's value
// changes), YAML, Puppet. The engine swaps each new graph in.

import type { LangError } from '../lang/errors.js';
import type { ResourceGraph } from './graph.js';

export interface GraphSink {
  /** A new desired graph: swap it in. */
  graph(g: ResourceGraph): void;
  /**
   * The code no longer compiles (or a function failed): keep running the
   * current graph and report this. `fatal` is set when there never was a
   * graph to keep (the first compile failed).
   */
  error(e: LangError, fatal: boolean): void;
}

export interface GraphSource {
  /** A short description for logs: `mcl site.mcl`. */
  readonly describe: string;
  /** Start producing graphs into `sink`. Resolves once the first graph or error was delivered. */
  start(sink: GraphSink): Promise<void>;
  /** Stop watching and producing. */
  stop(): Promise<void>;
}
