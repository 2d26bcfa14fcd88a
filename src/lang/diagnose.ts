// One place that turns a program into diagnostics, for `mgmt check`, the
// language server and the human rendering of `graph` and `run`: the compile
// stages, then (unless only types are asked for) the function graph to its
// first values without touching the machine, interpret and validation. Paths
// are local paths on disk, never the deploy-root form `/main.mcl`.

import { join } from 'node:path';
import type { LangError } from './errors.js';
import { readText } from '../util/read-text.js';
import type { Note, Span } from './errors.js';
import { asLangError, checkGraph, compile, loadDeploy } from './index.js';
import type { CompileOptions, Compiled, Deploy } from './index.js';
import { builtins } from './funcs/index.js';
import type { Registry } from './funcs/registry.js';
import { explain } from './suggest.js';

export interface Place {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export interface Diagnostic extends Place {
  /** The compiler stage, or `note` for what only a run can know. */
  stage: string;
  severity: 'error' | 'note';
  /** In plain words, without positions (the place gives them). */
  message: string;
  /** upstream's text with its bylines (what `graph` prints after `# err:`). */
  text: string;
  help?: string;
  /** Related places: the other edges of a cycle, the import that brought a file in. */
  related: (Place & { message: string })[];
}

export interface DiagnoseOptions extends CompileOptions {
  /** Stop after type checking, as upstream's `mgmt check` does (no function is run). */
  typesOnly?: boolean;
  /** Give up on a stream's first value after this many ms. */
  firstValueTimeout?: number;
}

/** Local path of a deploy path (`/main.mcl` → `/home/u/site/main.mcl`); builtin modules keep their name. */
export function localOf(deploy: Deploy | undefined, file: string): string {
  return deploy && file.startsWith('/') ? join(deploy.root, file) : file;
}

function place(span: Span | undefined, deploy: Deploy | undefined, fallback: string): Place {
  if (!span) return { file: fallback, line: 1, col: 1, endLine: 1, endCol: 1 };
  return { file: localOf(deploy, span.file), line: span.line, col: span.col, endLine: span.endLine, endCol: span.endCol };
}

/** `/main.mcl @ 2:6-2:8` inside a message → `/local/main.mcl:2:6`. */
function localBylines(s: string, deploy: Deploy | undefined): string {
  return s.replace(/(\/[^\s,:@]*\.mcl) @ (\d+):(\d+)-\d+:\d+/g, (_, f: string, l: string, c: string) => `${localOf(deploy, f)}:${l}:${c}`);
}

/** A LangError as a diagnostic: its place on disk, its message in plain words, a suggestion. */
export function fromError(err: LangError, deploy: Deploy | undefined, source: (deployPath: string) => string | undefined, registry?: Registry, fallback = ''): Diagnostic {
  const text = err.span ? source(err.span.file) : undefined;
  const line = err.span ? text?.split('\n')[err.span.line - 1] : undefined;
  const ex = explain(err, line, registry ?? builtins(), text);
  const related = [
    ...err.notes.filter((n) => n.span).map((n) => ({ ...place(n.span, deploy, fallback), message: n.message })),
    ...err.outer.map((o) => ({ ...place(o, deploy, fallback), message: 'imported here' })),
  ];
  const help = ex.help ?? err.help;
  const here = place(err.span, deploy, fallback);
  let message = localBylines(ex.message, deploy);
  if (err.inlineByline) {
    // A message that lists its places (a recursive reference: `not a dag: a.mcl:1:6, a.mcl:2:6`)
    // says them once: the first is the diagnostic's own place, the others are related places.
    const listed = [...message.matchAll(PLACE)];
    message = message.replace(new RegExp(`(?::\\s*|,\\s*)?${PLACE.source}`, 'g'), '');
    for (const m of listed) {
      const p = { file: m[1], line: +m[2], col: +m[3] };
      if (p.file === here.file && p.line === here.line && p.col === here.col) continue;
      related.push({ ...p, endLine: p.line, endCol: p.col, message: 'also part of the cycle' });
    }
  }
  return { ...here, stage: err.stage, severity: 'error', message, text: err.text(), ...(help ? { help } : {}), related };
}

/** A local place in a message, as localBylines writes it. */
const PLACE = /(\/[^\s,:@]*\.mcl):(\d+):(\d+)/g;

function fromNote(n: Note, deploy: Deploy, fallback: string): Diagnostic {
  return { ...place(n.span, deploy, fallback), stage: 'note', severity: 'note', message: n.message, text: n.message, related: [] };
}

export interface Diagnosis {
  deploy?: Deploy;
  compiled?: Compiled;
  diagnostics: Diagnostic[];
  /** The LangErrors behind the error diagnostics, in the same order (the language server places them itself). */
  errors: LangError[];
  runtime: Note[];
}

/** Everything check finds in the program at `path` (an .mcl file, a metadata.yaml or a directory). */
export async function diagnose(path: string | Deploy, opts: DiagnoseOptions = {}): Promise<Diagnosis> {
  const registry = opts.registry ?? builtins();
  let deploy: Deploy | undefined;
  let compiled: Compiled | undefined;
  const fallback = typeof path === 'string' ? path : join(path.root, path.entry);
  const source = (f: string) => compiled?.sources.get(f) ?? opts.overlay?.get(localOf(deploy, f)) ?? (deploy && f.startsWith('/') ? readText(localOf(deploy, f)) : undefined);
  const done = (errors: LangError[], runtime: Note[]): Diagnosis => ({
    deploy,
    compiled,
    errors,
    runtime,
    diagnostics: [...errors.map((e) => fromError(e, deploy, source, registry, fallback)), ...(deploy ? runtime.map((n) => fromNote(n, deploy!, fallback)) : [])],
  });
  try {
    deploy = typeof path === 'string' ? loadDeploy(path) : path;
    compiled = compile(deploy, { ...opts, registry });
  } catch (e) {
    const err = asLangError(e, 'errUnify');
    // The text may not be in `sources` when the file that failed was never read whole.
    return done([err], []);
  }
  if (opts.typesOnly) return done([], []);
  const r = await checkGraph(compiled, { firstValueTimeout: opts.firstValueTimeout ?? 10_000 });
  return done(r.errors, r.runtime);
}

/** `file:line:col: stage: message`, then `  help:` and related places, one line each. */
export function formatDiagnostic(d: Diagnostic): string {
  const lines = [`${d.file}:${d.line}:${d.col}: ${d.stage}: ${d.message}`];
  if (d.help) lines.push(`  help: ${d.help}`);
  for (const r of d.related) lines.push(`  ${r.file}:${r.line}:${r.col}: ${r.message}`);
  return lines.join('\n');
}

/** The human rendering for stderr: the diagnostic, the source line and carets under the place. */
export function renderDiagnostic(d: Diagnostic, text: string | undefined): string {
  const out = [`${d.file}:${d.line}:${d.col}: ${d.stage}: ${d.message}`];
  const line = text?.split('\n')[d.line - 1];
  if (line !== undefined) {
    const width = d.endLine === d.line ? Math.max(1, d.endCol - d.col) : Math.max(1, line.length - d.col + 1);
    out.push('', `    ${line}`, `    ${line.slice(0, d.col - 1).replace(/[^\t]/g, ' ')}${'^'.repeat(width)}`);
  }
  if (d.help) out.push(`  help: ${d.help}`);
  for (const r of d.related) out.push(`  note: ${r.message}: ${r.file}:${r.line}:${r.col}`);
  return out.join('\n');
}

/** Render a LangError for stderr with local paths (for `graph` and `run`). */
export function renderLocal(err: LangError, deploy: Deploy | undefined, source: (deployPath: string) => string | undefined, registry?: Registry): string {
  const d = fromError(err, deploy, source, registry);
  if (!err.span) return `${err.stage}: ${d.message}${d.help ? `\n  help: ${d.help}` : ''}`;
  return renderDiagnostic(d, source(err.span.file));
}

