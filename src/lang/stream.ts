// The mcl frontend as a stream of resource graphs: compile, run the function
// engine, and hand every new graph to the engine. A new graph comes when a
// source file changes (the entry, an import, a deploy file) or when a
// function's value changes (datetime.now, os.readfile, …). A compile error
// while running keeps the running graph: it is reported and the next good
// edit is applied. Of the deploy's extra files (`files/`) only those a
// deploy.* function read are watched, however many the directory holds.

import { join } from 'node:path';
import type { GraphSink, GraphSource } from '../engine/frontend.js';
import { addAutoEdges } from '../engine/autoedge.js';
import type { ResourceGraph } from '../engine/graph.js';
import { LangError } from './errors.js';
import { FunctionEngine, NotReady } from './fgraph.js';
import { LiteralEditor } from './incremental.js';
import { asLangError, compile, loadDeploy, runtimeEnv } from './index.js';
import type { Compiled, RunOptions } from './index.js';
import { interpret } from './interpret.js';
import { log, timed } from '../util/log.js';
import { SourceWatcher } from '../util/source-watch.js';

export interface MclSourceOptions extends RunOptions {
  /** Watch the sources and functions for changes (hot-swap). */
  watch: boolean;
  hostname?: string;
  /** Skip automatic edges. */
  noAutoEdges?: boolean;
  /** Milliseconds to wait for more changes before recompiling. */
  debounce?: number;
}

export class MclSource implements GraphSource {
  readonly describe: string;
  private sink?: GraphSink;
  private fe?: FunctionEngine;
  private compiled?: Compiled;
  private watcher?: SourceWatcher;
  private delivered = false;
  private stopped = false;
  /** A pass is running; `again` asks for one more after it. */
  private passing = false;
  private again = false;
  private generation = 0;
  /** Patch literal-only edits of a source file (by local path) without a full compile. */
  private editors = new Map<string, LiteralEditor>();
  /** Indexes the entry file for literal edits a while after a compile. */
  private prepareTimer?: NodeJS.Timeout;
  /** Local paths deploy.* functions read (watched), what they found, and those not yet handed to the watcher. */
  private readonly deployReads = new Set<string>();
  private pendingReads = new Map<string, { text: string | undefined } | undefined>();

  constructor(
    private readonly entryPath: string,
    private readonly opts: MclSourceOptions,
  ) {
    this.describe = `mcl ${entryPath}`;
  }

  async start(sink: GraphSink): Promise<void> {
    this.sink = sink;
    await this.recompile();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.prepareTimer);
    this.fe?.stop();
    await this.watcher?.close();
  }

  private error(e: unknown): void {
    const err = asLangError(e);
    this.sink?.error(err, !this.delivered);
  }

  /** Compile the code again; on success replace the function engine, on error keep the old one. */
  private async recompile(changed = new Map<string, string | undefined>()): Promise<void> {
    if (this.stopped) return;
    if (this.fastPath(changed)) return;
    let compiled: Compiled;
    try {
      compiled = timed('compiled', () => compile(loadDeploy(this.entryPath), { hostname: this.opts.hostname, keepFiles: this.opts.watch }));
    } catch (e) {
      // The first compile failing ends the run (the sink says so): nothing to watch then.
      const fatal = !this.delivered;
      this.error(e);
      if (this.opts.watch && !fatal) await this.watchFiles(this.compiled?.files ?? [this.entryPath]);
      return;
    }
    this.compiled = compiled;
    this.editors = new Map([...(compiled.kept?.values() ?? [])].map((f) => [f.local, new LiteralEditor(compiled, f)]));
    this.restart();
    // The first graph does not wait for the watcher's start: it compares what it finds with what was compiled.
    if (this.opts.watch) void this.watchFiles(compiled.files, compiled);
    await this.requestPass();
    // (A run that converged and ended stopped us during that pass.)
    if (this.stopped) return;
    // Index the entry file for literal edits once the first graph is out, not on its first edit.
    const editor = this.editors.get(join(compiled.deploy.root, compiled.deploy.entry));
    clearTimeout(this.prepareTimer);
    this.prepareTimer = setTimeout(() => {
      if (this.compiled === compiled) editor?.prepare();
    }, 500).unref();
  }

  /**
   * When one source file changed, and only in the values of literals, patch
   * the compiled program instead of compiling it again (see incremental.ts).
   * True when that was done (or nothing changed).
   */
  private fastPath(changed: Map<string, string | undefined>): boolean {
    if (changed.size !== 1) return false;
    const [[path, text]] = changed;
    const editor = this.editors.get(path);
    if (!editor || text === undefined) return false;
    const t0 = performance.now();
    const r = editor.apply(text);
    log.debug(`literal edit: ${r.kind === 'full' ? `full compile (${r.why})` : r.kind === 'same' ? 'nothing changed' : `${r.literals} literal(s) patched${r.retyped ? ', types checked again' : ''}`} in ${(performance.now() - t0).toFixed(1)} ms`);
    if (r.kind === 'full') return false;
    if (r.kind === 'patched') {
      this.restart();
      void this.requestPass();
    }
    return true;
  }

  /** A new function engine on the current compiled program (the old one stops). */
  private restart(): void {
    const compiled = this.compiled!;
    this.fe?.stop();
    const gen = ++this.generation;
    const env = runtimeEnv(compiled, this.opts);
    if (this.opts.watch) env.onDeployRead = (path, seen) => this.deployRead(path, seen);
    this.fe = new FunctionEngine(compiled.scoped, compiled.typing, env, () => {
      if (this.opts.watch && gen === this.generation) void this.requestPass();
    });
  }

  /** Run passes until no change arrived during the last one; never two at once. */
  private async requestPass(): Promise<void> {
    if (this.passing) {
      this.again = true;
      return;
    }
    this.passing = true;
    try {
      do {
        this.again = false;
        await this.pass(this.generation);
      } while (this.again && !this.stopped);
    } finally {
      this.passing = false;
    }
  }

  /** One pass of the function engine → a graph for the sink. Waits while a stream has no value yet. */
  private async pass(gen: number): Promise<void> {
    const fe = this.fe;
    if (!fe || this.stopped) return;
    for (;;) {
      if (gen !== this.generation || this.stopped) return;
      const next = fe.nextEvent();
      let graph: ResourceGraph;
      try {
        const t0 = performance.now();
        graph = interpret(fe, this.compiled!.scoped.stmts);
        log.debug(`interpreted ${graph.vertices.length} resources in ${(performance.now() - t0).toFixed(1)} ms`);
        if (!this.opts.noAutoEdges) {
          try {
            addAutoEdges(graph);
          } catch (e) {
            throw new LangError('errAutoEdge', `the auto edges had errors: ${(e as Error).message}`);
          }
        }
      } catch (e) {
        if (e instanceof NotReady) {
          await next;
          this.again = false; // this loop makes the next pass itself
          continue;
        }
        this.error(e);
        return;
      }
      this.delivered = true;
      this.sink?.graph(graph);
      return;
    }
  }

  /**
   * A deploy.* function read this path: watch it from now on. The reads of
   * one pass (which is synchronous) go to the watcher as one batch, with what
   * each read found, so that a change made before the watch began is seen.
   */
  private deployRead(path: string, seen?: { text: string | undefined }): void {
    if (this.deployReads.has(path)) return;
    this.deployReads.add(path);
    this.pendingReads.set(path, seen);
    if (this.pendingReads.size > 1) return;
    queueMicrotask(() => {
      const batch = this.pendingReads;
      this.pendingReads = new Map();
      // (Without a watcher yet, watchFiles takes deployReads when it makes one.)
      if (this.stopped || !this.watcher) return;
      const known = new Map([...batch].filter(([, s]) => s).map(([p, s]) => [p, s!.text]));
      this.watcher.add(batch.keys(), known);
    });
  }

  /**
   * Watch the sources; resolves once the watcher is ready. With `compiled`,
   * a file that changed since that compile read it counts as an edit.
   */
  private async watchFiles(files: string[], compiled?: Compiled): Promise<void> {
    const wanted = new Set([...files, ...this.deployReads]);
    if (!this.watcher) {
      const known = compiled && new Map([...compiled.sources].filter(([p]) => !p.startsWith('builtin:')).map(([p, text]) => [join(compiled.deploy.root, p), text]));
      this.watcher = new SourceWatcher([...wanted], (paths) => void this.recompile(paths), this.opts.debounce, known);
      await this.watcher.whenReady();
      return;
    }
    this.watcher.add(wanted);
  }
}
