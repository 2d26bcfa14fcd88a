// The one driver that knows the order of the stages: lex/parse → init →
// interpolate → set scope → unify → (function graph → interpret → autoedge).
// `check`, `graph`, `run`, the REPL and the language server all call it.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { hostname as osHostname, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { IToken } from 'chevrotain';
import type { Program } from './ast.js';
import { LangError } from './errors.js';
import type { Note } from './errors.js';
import { builtins } from './funcs/index.js';
import type { Registry, RuntimeEnv } from './funcs/registry.js';
import { FunctionEngine, NotReady } from './fgraph.js';
import { initCheck, metaEntryCheck } from './init.js';
import { interpolate } from './interpolate.js';
import { Interpreter, interpret } from './interpret.js';
import type { ScopedProgram } from './ir.js';
import { checkOrdering } from './ordering.js';
import { parse, withFinalNewline } from './parser.js';
import { ScopeBuilder, normalize } from './scope.js';
import type { Frontend } from './scope.js';
import { unify } from './types/infer.js';
import type { Typing } from './types/infer.js';
import { addAutoEdges } from '../engine/autoedge.js';
import type { ResourceGraph } from '../engine/graph.js';
import { timed } from '../util/log.js';
import type { World } from '../world/world.js';

/** A deploy: a directory playing the part of `/`, and the entry file inside it. */
export interface Deploy {
  /** Absolute local directory that is `/` of the deploy. */
  root: string;
  /** The entry file's deploy path, e.g. `/main.mcl`. */
  entry: string;
  /** Deploy path of the extra files directory (`/files/`). */
  files: string;
}

/**
 * Find the deploy for a path the user gave: a `metadata.yaml`, a directory
 * holding one (or a `main.mcl`), or an `.mcl` file.
 */
export function loadDeploy(path: string): Deploy {
  let p = resolve(path);
  if (existsSync(p) && statSync(p).isDirectory()) {
    if (existsSync(join(p, 'metadata.yaml'))) p = join(p, 'metadata.yaml');
    else p = join(p, 'main.mcl');
  }
  if (basename(p) === 'metadata.yaml') {
    const meta = readMetadata(p);
    return { root: dirname(p), entry: normalize('/' + meta.main), files: normalize('/' + meta.files) };
  }
  return { root: dirname(p), entry: '/' + basename(p), files: '/files/' };
}

interface Metadata {
  main: string;
  files: string;
}

function readMetadata(file: string): Metadata {
  let data: Record<string, unknown> = {};
  try {
    data = (parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>) ?? {};
  } catch (e) {
    throw new LangError('errLexParse', `could not read metadata: ${file}: ${(e as Error).message}`);
  }
  const str = (k: string, d: string) => (typeof data[k] === 'string' && data[k] !== '' ? (data[k] as string) : d);
  return { main: str('main', 'main.mcl'), files: str('files', 'files/') };
}

export interface CompileOptions {
  hostname?: string;
  registry?: Registry;
  /** Text to use instead of what is on disk, by local absolute path (editors' unsaved buffers). */
  overlay?: Map<string, string>;
  /** Keep every local source file's tokens and tree in `Compiled.kept` (for the literal-edit fast path). */
  keepFiles?: boolean;
  /** The entry's tree, already parsed without errors from the same text (the language server parses once for both). */
  parsedEntry?: Program;
}

/** A source file as the compiler saw it: what a literal edit patches. */
export interface KeptFile {
  /** Local path of the file. */
  local: string;
  /** Its path in the deploy, as spans name it (`/main.mcl`, `/mod1/main.mcl`). */
  path: string;
  /** The text that was lexed (ending in a newline, as the lexer saw it). */
  text: string;
  tokens: IToken[];
  /** The tree after Interpolate. */
  ast: Program;
}

export interface Compiled {
  deploy: Deploy;
  scoped: ScopedProgram;
  typing: Typing;
  /** The text of every file read, by deploy path (for error rendering). */
  sources: Map<string, string>;
  /** Local paths of every file read (for watching). */
  files: string[];
  hostname: string;
  registry: Registry;
  /** With `keepFiles`: the entry and every local import, by local path. */
  kept?: Map<string, KeptFile>;
}

/** The early stages of one file: parse, init, interpolate, and its ordering checks. */
function frontStages(text: string, file: string): { ast: Program; tokens: IToken[] } | { error: LangError; prefix: string } {
  const parsed = parse(text, file);
  if (!parsed.ast || parsed.errors.length) return { error: parsed.errors[0], prefix: 'could not generate AST from import: ' };
  const initErr = initCheck(parsed.ast);
  if (initErr) return { error: initErr, prefix: 'could not init and validate AST: ' };
  const interp = interpolate(parsed.ast);
  if ('error' in interp) return { error: interp.error, prefix: 'could not interpolate AST from import: ' };
  const order = checkOrdering(interp.ast);
  if (order) return { error: order, prefix: 'could not set scope from import: ' };
  return { ast: interp.ast, tokens: parsed.tokens ?? [] };
}

/** Compile through Unify: everything that can be known without running anything. Throws a LangError. */
export function compile(deploy: Deploy, opts: CompileOptions = {}): Compiled {
  const registry = opts.registry ?? builtins();
  const host = opts.hostname ?? osHostname();
  const sources = new Map<string, string>();
  const files: string[] = [];
  const kept = opts.keepFiles ? new Map<string, KeptFile>() : undefined;
  const read = (deployPath: string): string | undefined => {
    if (deployPath.startsWith('builtin:')) return registry.module(deployPath.slice(8))?.mcl;
    const local = join(deploy.root, deployPath);
    const over = opts.overlay?.get(local);
    let text = over;
    if (text === undefined) {
      try {
        text = readFileSync(local, 'utf8');
      } catch {
        return undefined;
      }
    }
    sources.set(deployPath, text);
    files.push(local);
    return text;
  };

  const mainText = read(deploy.entry);
  if (mainText === undefined) throw new LangError('errLexParse', `could not read the entry file: ${join(deploy.root, deploy.entry)}`);
  const parsed = opts.parsedEntry ? { ast: opts.parsedEntry, errors: [], tokens: [] } : timed('lex/parse', () => parse(mainText, deploy.entry));
  if (!parsed.ast || parsed.errors.length) throw parsed.errors[0];
  const ast = parsed.ast;
  const initErr = timed('init', () => initCheck(ast));
  if (initErr) throw initErr;
  const interp = timed('interpolate', () => interpolate(ast));
  if ('error' in interp) throw interp.error;
  const scoped = timed('set scope', () => {
    const order = checkOrdering(interp.ast);
    if (order) throw order;
    const frontend: Frontend = (p) => {
      const text = read(p);
      if (text === undefined) return undefined;
      if (p.startsWith('builtin:')) return frontStages(text, `/${p.slice(8)}.mcl`);
      const r = frontStages(text, p);
      if (kept && 'ast' in r) {
        const local = join(deploy.root, p);
        kept.set(local, { local, path: p, text: withFinalNewline(text), tokens: r.tokens, ast: r.ast });
      }
      return r;
    };
    const moduleMain = (dir: string) => {
      const meta = join(deploy.root, dir, 'metadata.yaml');
      return existsSync(meta) ? readMetadata(meta).main : 'main.mcl';
    };
    const builder = new ScopeBuilder({ registry, frontend, hostname: host, moduleMain });
    return builder.program(interp.ast, { base: '/', file: deploy.entry });
  });
  const typing = timed('unify', () => unify(scoped));
  const metaErr = metaEntryCheck(interp.ast);
  if (metaErr) throw metaErr;
  if (kept) {
    const local = join(deploy.root, deploy.entry);
    kept.set(local, { local, path: deploy.entry, text: withFinalNewline(mainText), tokens: parsed.tokens ?? [], ast: interp.ast });
  }
  return { deploy, scoped, typing, sources, files, hostname: host, registry, kept };
}

export interface RunOptions {
  /** State directory for local.* functions. */
  localDir?: string;
  args?: string[];
  /** Give up waiting for a stream's first value after this many ms. */
  firstValueTimeout?: number;
  /** The agent's World store: value.get* and world.* read it. */
  world?: World;
}

export function runtimeEnv(c: Compiled, opts: RunOptions = {}): RuntimeEnv {
  return {
    hostname: c.hostname,
    deployRoot: c.deploy.root,
    localDir: opts.localDir ?? join(tmpdir(), 'mgmt-local'),
    registry: c.registry,
    args: opts.args ?? [],
    world: opts.world,
  };
}

/** Runs the function graph to its first complete table and interprets it: the first resource graph. */
export async function firstGraph(c: Compiled, opts: RunOptions = {}): Promise<ResourceGraph> {
  return untilReady(c, opts, (fe) => {
    const graph = timed('interpret', () => interpret(fe, c.scoped.stmts));
    autoEdges(graph);
    return graph;
  });
}

function autoEdges(graph: ResourceGraph): void {
  try {
    timed('autoedge', () => addAutoEdges(graph));
  } catch (e) {
    throw new LangError('errAutoEdge', `the auto edges had errors: ${(e as Error).message}`);
  }
}

/** What `mgmt check` finds past type checking: every error, and what only a run can know. */
export interface CheckResult {
  errors: LangError[];
  runtime: Note[];
}

/**
 * The stages after Unify without touching the machine: functions that write
 * or read the World are not called (what needs them is noted), every resource
 * is built and validated, edges (automatic ones too) must close no cycle, and
 * every kind must be able to run. Errors are collected, not thrown.
 */
export async function checkGraph(c: Compiled, opts: RunOptions = {}): Promise<CheckResult> {
  try {
    return await untilReady(c, { ...opts, check: true }, (fe) => {
      const it = new Interpreter(fe, { check: true });
      const graph = it.run(c.scoped.stmts);
      const errors = [...it.errors];
      if (!errors.length) {
        try {
          autoEdges(graph);
        } catch (e) {
          errors.push(asLangError(e, 'errAutoEdge'));
        }
      }
      return { errors, runtime: it.runtime };
    });
  } catch (e) {
    // A source that is slow to start (a timer, a long poll) is not a mistake in the program.
    if (e instanceof SlowStream) return { errors: [], runtime: [{ message: `${e.message}: the program was not checked past it` }] };
    return { errors: [asLangError(e)], runtime: [] };
  }
}

/** The first value of a stream did not come in time. */
class SlowStream extends LangError {}

/** Evaluate until no stream is missing its first value (or the deadline passes). */
async function untilReady<T>(c: Compiled, opts: RunOptions & { check?: boolean }, f: (fe: FunctionEngine) => T): Promise<T> {
  const fe = new FunctionEngine(c.scoped, c.typing, { ...runtimeEnv(c, opts), check: opts.check });
  const deadline = Date.now() + (opts.firstValueTimeout ?? 60_000);
  try {
    for (;;) {
      const event = fe.nextEvent();
      try {
        return f(fe);
      } catch (e) {
        if (!(e instanceof NotReady)) throw e;
        const left = deadline - Date.now();
        if (left <= 0) throw new SlowStream('errStream', `func \`${e.message}\` produced no value in time`);
        await Promise.race([event, new Promise((r) => setTimeout(r, Math.min(left, 1000)))]);
      }
    }
  } finally {
    fe.stop();
  }
}

/** Turn anything thrown by the stages into a LangError (an internal bug becomes a clear message). */
export function asLangError(e: unknown, stage: LangError['stage'] = 'errInterpret'): LangError {
  if (e instanceof LangError) return e;
  const err = e as Error;
  return new LangError(stage, `internal error: ${err?.message ?? String(e)}`);
}
