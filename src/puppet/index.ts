// The Puppet frontend's driver: manifest text → parsed → evaluated catalog
// (Puppet types) → mapped to our kinds → mcl AST / resource graph.

import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LangError } from '../lang/errors.js';
import type { Span } from '../lang/errors.js';
import { asLangError, compile, firstGraph, type Compiled, type Deploy } from '../lang/index.js';
import type { ResourceGraph } from '../engine/graph.js';
import { translateCatalog, type Translation } from './translate.js';
import type { Catalog } from './catalog.js';
import { PuppetError, toLangError } from './errors.js';
import { Evaluator } from './evaluate.js';
import { hostFacts, readFacts, type Facts } from './facts.js';
import { parseManifest } from './parser.js';

export interface ManifestOptions {
  /** A facts file; the host's facts when absent. */
  factsFile?: string;
  facts?: Facts;
}

/** Parse and evaluate a manifest into its catalog. Throws PuppetError. */
export function catalogOf(text: string, file: string, opts: ManifestOptions = {}): Catalog {
  const facts = opts.facts ?? (opts.factsFile ? readFacts(opts.factsFile) : hostFacts());
  const program = parseManifest(text, file);
  return new Evaluator(program, { facts }).run();
}

export function catalogOfFile(path: string, opts: ManifestOptions = {}): Catalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PuppetError('error', 'parse', `could not read ${path}: ${(e as Error).message}`);
  }
  return catalogOf(text, path, opts);
}

/** The `.expect` rendering of a failure: outcome, and Puppet's stage and message or our reason. */
export function failureLines(e: PuppetError): string[] {
  if (e.outcome === 'unsupported') return ['outcome unsupported', `reason ${e.message.replace(/\n/g, ' ')}`];
  return ['outcome error', `stage ${e.stage === 'graph' ? 'graph' : 'compile'}`, `error ${e.message.replace(/\n/g, ' ')}`];
}

/**
 * Translate a manifest and compile the mcl through Unify, as if it were a
 * file `NAME.pp.mcl` beside the manifest (it is never written: the compiler
 * reads it from an overlay). Throws PuppetError or LangError.
 */
export function compileManifest(path: string, opts: ManifestOptions & { hostname?: string } = {}): { compiled: Compiled; translation: Translation; catalog: Catalog } {
  const catalog = catalogOfFile(path, opts);
  const abs = resolve(path);
  const entry = `/${basename(abs)}.mcl`;
  const translation = translateCatalog(catalog, basename(abs), entry);
  const deploy: Deploy = { root: dirname(abs), entry, files: '/files/' };
  let compiled: Compiled;
  try {
    compiled = compile(deploy, { hostname: opts.hostname, overlay: new Map([[join(deploy.root, entry), translation.text]]) });
  } catch (e) {
    throw inManifest(asLangError(e, 'errUnify'), translation, entry);
  }
  return { compiled, translation, catalog };
}

/**
 * The resource graph of a manifest (what `run --puppet` and `graph --puppet`
 * use). Every failure is a LangError placed in the manifest: the attribute
 * it is about, else the resource; a PuppetError keeps its own place.
 */
export async function manifestGraph(path: string, opts: ManifestOptions & { hostname?: string; localDir?: string } = {}): Promise<ResourceGraph> {
  let made: ReturnType<typeof compileManifest>;
  try {
    made = compileManifest(path, opts);
  } catch (e) {
    throw e instanceof PuppetError ? toLangError(e) : asLangError(e);
  }
  try {
    // The translated mcl holds only values: one pass gives the whole graph.
    return await firstGraph(made.compiled, { localDir: opts.localDir });
  } catch (e) {
    throw inManifest(asLangError(e), made.translation, made.compiled.deploy.entry);
  }
}

/** An error in the translated mcl, moved to the manifest line its code came from. */
export function inManifest(err: LangError, t: Translation, entry: string): LangError {
  if (err.span?.file !== entry) return err;
  const back = (s: Span): Span => (s.file === entry ? (t.origins.get(s.line) ?? s) : s);
  return new LangError(err.stage, err.detail, back(err.span), {
    outer: err.outer.map(back),
    notes: err.notes.map((n) => (n.span ? { ...n, span: back(n.span) } : n)),
    inlineByline: err.inlineByline,
    help: err.help,
  });
}
