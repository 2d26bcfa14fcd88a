// The language server's document cache: the text of every open document and,
// per version, what the compiler says about it. Each open file is compiled
// as its own entry (its directory is the deploy root), with every open
// buffer overlaid on the disk so that unsaved imports are seen too.
// One recovering parse per version serves both the editor features and the
// compiler; the IR index and the graph check are computed on demand.

import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Comment, Program } from '../lang/ast.js';
import type { LangError } from '../lang/errors.js';
import { builtins } from '../lang/funcs/index.js';
import type { Registry } from '../lang/funcs/registry.js';
import { asLangError, checkGraph, compile } from '../lang/index.js';
import type { CheckResult, Compiled, Deploy } from '../lang/index.js';
import { parse } from '../lang/parser.js';
import { IrIndex } from './irindex.js';
import { bufferReader } from './exports.js';
import type { Reader } from './exports.js';
import { log, timed } from '../util/log.js';

export interface OpenDoc {
  uri: string;
  version: number;
  text: string;
}

type Parsed = { ast?: Program; errors: LangError[]; comments: Comment[] };

/** What is known about one version of one document. */
export class Analysis {
  private index?: IrIndex;
  private checked?: Promise<CheckResult>;

  constructor(
    readonly doc: OpenDoc,
    /** Local absolute path. */
    readonly path: string,
    readonly deploy: Deploy,
    /** Set when the program compiled through Unify. */
    readonly compiled: Compiled | undefined,
    /** The compiler's error, when it did not. */
    readonly error: LangError | undefined,
    /** The parse with recovery: every syntax error and a (maybe partial) tree; compile used its tree. */
    readonly parse: Parsed,
  ) {}

  get text(): string {
    return this.doc.text;
  }

  /** The deploy path of this document (`/main.mcl`): the `file` of its spans. */
  get file(): string {
    return this.deploy.entry;
  }

  get ast(): Program | undefined {
    return this.parse.ast;
  }

  /** Expressions, types and name references of the compiled program (undefined if it did not compile). */
  get ir(): IrIndex | undefined {
    if (!this.compiled) return undefined;
    return (this.index ??= new IrIndex(this.compiled, this.file));
  }

  /** The first graph's errors and run-time notes, as `mgmt check` finds them (computed once per version). */
  graphCheck(): Promise<CheckResult> {
    if (!this.compiled) return Promise.resolve({ errors: [], runtime: [] });
    return (this.checked ??= checkGraph(this.compiled, { firstValueTimeout: 3000 }));
  }

  /** Local path of a deploy path of this document's deploy. */
  local(deployPath: string): string {
    return join(this.deploy.root, deployPath);
  }
}

export class Workspace {
  private readonly docs = new Map<string, OpenDoc>();
  private readonly cache = new Map<string, Analysis>();
  readonly registry: Registry = builtins();
  private readonly host = hostname();

  open(uri: string, version: number, text: string): void {
    this.docs.set(uri, { uri, version, text });
    this.invalidate();
  }

  change(uri: string, version: number, text: string): void {
    this.docs.set(uri, { uri, version, text });
    this.invalidate();
  }

  close(uri: string): void {
    this.docs.delete(uri);
    this.invalidate();
  }

  get(uri: string): OpenDoc | undefined {
    return this.docs.get(uri);
  }

  uris(): string[] {
    return [...this.docs.keys()];
  }

  /** Reads a local file as the editor has it: an open buffer, else the disk. */
  reader(): Reader {
    return bufferReader(new Map([...this.docs.values()].map((d) => [uriToPath(d.uri), d.text])));
  }

  /** A change anywhere may change what an importing document sees. */
  private invalidate(): void {
    this.cache.clear();
  }

  analyze(uri: string): Analysis | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    const have = this.cache.get(uri);
    if (have && have.doc.version === doc.version && have.doc.text === doc.text) return have;
    const path = uriToPath(uri);
    const deploy: Deploy = { root: dirname(path), entry: '/' + basename(path), files: '/files/' };
    const overlay = new Map<string, string>();
    for (const d of this.docs.values()) overlay.set(uriToPath(d.uri), d.text);
    const t0 = performance.now();
    // One parse serves the editor features and the compiler; only a text with
    // syntax errors is parsed again, strictly, for the compiler's exact first error.
    const parsed = timed('lex/parse', () => parse(doc.text, deploy.entry, { recover: true }));
    let compiled: Compiled | undefined;
    let error: LangError | undefined;
    try {
      const parsedEntry = parsed.ast && !parsed.errors.length ? parsed.ast : undefined;
      compiled = compile(deploy, { overlay, registry: this.registry, hostname: this.host, parsedEntry });
    } catch (e) {
      error = asLangError(e, 'errUnify');
    }
    log.debug(`lsp: compiled ${uri} v${doc.version} in ${(performance.now() - t0).toFixed(1)} ms${error ? ` (${error.stage})` : ''}`);
    const a = new Analysis(doc, path, deploy, compiled, error, parsed);
    this.cache.set(uri, a);
    return a;
  }
}

/** `file:///x/y.mcl` → `/x/y.mcl`; other schemes (untitled:) get a path in the working directory. */
export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) return fileURLToPath(uri);
  const name = uri.replace(/^[a-z]+:/i, '').replace(/[^A-Za-z0-9_.-]/g, '_') || 'untitled';
  return resolve(name.endsWith('.mcl') ? name : name + '.mcl');
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
