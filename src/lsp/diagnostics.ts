// Diagnostics: what `mgmt check` finds, placed in the open document. The
// compiler's error (code = its stage), plus every further syntax error
// chevrotain's recovery finds; once the program type-checks, the errors of
// its first graph (values, validation, edges, cycles) and, as information,
// what depends on values only known at run time. An error located in another
// file (an import) is shown on the import statement that brought it in.
// Messages are in plain words with a `help:` line; the range gives the place.

import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { LangError, Note, Span } from '../lang/errors.js';
import { fromError } from '../lang/diagnose.js';
import type { Registry } from '../lang/funcs/registry.js';
import { pathToUri } from './workspace.js';
import { spanToRange } from './util.js';
import type { Analysis } from './workspace.js';

const TOP = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

function toDiagnostic(err: LangError, a: Analysis, registry?: Registry): Diagnostic {
  const here = (s: Span | undefined) => s && s.file === a.file;
  const span = here(err.span) ? err.span : [...err.outer].reverse().find(here);
  const d = fromError(err, a.deploy, (f) => (f === a.file ? a.text : a.compiled?.sources.get(f)), registry);
  let message = d.message;
  if (!here(err.span) && err.span) message += ` (in ${d.file}:${d.line}:${d.col})`;
  if (d.help) message += `\nhelp: ${d.help}`;
  // The notes' places (a cycle's other edges, a duplicate's first declaration) and those a message listed.
  const related: DiagnosticRelatedInformation[] = d.related
    .filter((r) => r.message !== 'imported here')
    .map((r) => ({ location: { uri: pathToUri(r.file), range: { start: { line: r.line - 1, character: r.col - 1 }, end: { line: r.endLine - 1, character: r.endCol - 1 } } }, message: r.message }));
  return {
    range: span ? spanToRange(span) : TOP,
    severity: DiagnosticSeverity.Error,
    code: err.stage,
    source: 'mgmt',
    message,
    ...(related.length ? { relatedInformation: related } : {}),
  };
}

function noteDiagnostic(n: Note): Diagnostic {
  return { range: n.span ? spanToRange(n.span) : TOP, severity: DiagnosticSeverity.Information, source: 'mgmt', message: n.message };
}

/** The compile-time diagnostics (no function is run). */
export function diagnostics(a: Analysis, registry?: Registry): Diagnostic[] {
  if (!a.error) return [];
  const out = [toDiagnostic(a.error, a, registry)];
  if (a.error.stage === 'errLexParse' && a.error.span?.file === a.file) {
    // The compiler stops at the first syntax error; recovery finds the others.
    const seen = new Set([a.error.span.line]);
    for (const e of a.parse.errors) {
      if (!e.span || seen.has(e.span.line)) continue;
      seen.add(e.span.line);
      out.push(toDiagnostic(e, a, registry));
    }
  }
  return out;
}

/** Everything `mgmt check` reports for this document: compile errors, or the first graph's errors and notes. */
export async function allDiagnostics(a: Analysis, registry?: Registry): Promise<Diagnostic[]> {
  if (a.error || !a.compiled) return diagnostics(a, registry);
  const r = await a.graphCheck();
  const mine = (s?: Span) => !s || s.file === a.file;
  return [...r.errors.filter((e) => mine(e.span) || e.outer.some(mine)).map((e) => toDiagnostic(e, a, registry)), ...r.runtime.filter((n) => mine(n.span)).map(noteDiagnostic)];
}
