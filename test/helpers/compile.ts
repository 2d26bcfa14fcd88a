// Run the compiler in-process on a small program written to a fresh temp
// directory: the result is either the graph text or the LangError it failed with.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LangError } from '../../src/lang/errors.js';
import { compile, firstGraph, loadDeploy } from '../../src/lang/index.js';
import type { Compiled } from '../../src/lang/index.js';
import type { ResourceGraph } from '../../src/engine/graph.js';
import { graphText } from '../../src/engine/format.js';

export type Files = string | Record<string, string>;

export interface Outcome {
  /** The graph in the conformance text form, when every stage passed. */
  graph?: string;
  g?: ResourceGraph;
  error?: LangError;
  /** `stage: text` of the error, for short assertions. */
  err?: string;
  dir: string;
}

/** Write `files` (or a lone `main.mcl`) to a temp dir; returns the dir. */
export function writeProgram(files: Files): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcl-test-'));
  const all = typeof files === 'string' ? { 'main.mcl': files } : files;
  for (const [name, text] of Object.entries(all)) {
    const p = join(dir, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return dir;
}

function entryOf(dir: string, files: Files): string {
  return typeof files !== 'string' && 'metadata.yaml' in files ? join(dir, 'metadata.yaml') : join(dir, 'main.mcl');
}

function fail(dir: string, e: unknown): Outcome {
  if (!(e instanceof LangError)) throw e;
  return { error: e, err: `${e.stage}: ${e.text()}`, dir };
}

/** Compile through Unify only (what `mgmt check` does). */
export function checkProgram(files: Files, hostname = 'h1'): Outcome & { compiled?: Compiled } {
  const dir = writeProgram(files);
  try {
    const compiled = compile(loadDeploy(entryOf(dir, files)), { hostname });
    return { dir, compiled };
  } catch (e) {
    return fail(dir, e);
  }
}

/** Compile and produce the first resource graph. Non-LangErrors are rethrown: they are bugs. */
export async function graphOf(files: Files, hostname = 'h1'): Promise<Outcome> {
  const dir = writeProgram(files);
  try {
    const compiled = compile(loadDeploy(entryOf(dir, files)), { hostname });
    const g = await firstGraph(compiled, { localDir: join(dir, '.local'), firstValueTimeout: 5000 });
    return { graph: graphText(g), g, dir };
  } catch (e) {
    return fail(dir, e);
  }
}

/** The graph's lines as a sorted list (empty graph → []). */
export async function lines(files: Files): Promise<string[]> {
  const r = await graphOf(files);
  if (r.error) throw new Error(`expected a graph, got ${r.err}`);
  return r.graph!.split('\n').filter((l) => l !== '');
}

/** The error a program fails with; fails the test when it compiles. */
export async function errorOf(files: Files): Promise<LangError> {
  const r = await graphOf(files);
  if (!r.error) throw new Error(`expected an error, got graph:\n${r.graph}`);
  return r.error;
}
