// Diagnostics: the compiler's error (code = its stage), plus every further
// syntax error chevrotain's recovery finds. An error located in another file
// (an import) is shown on the import statement that brought it in.

import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { LangError, Span } from '../lang/errors.js';
import { spanToRange } from './util.js';
import type { Analysis } from './workspace.js';

const TOP = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

function toDiagnostic(err: LangError, a: Analysis): Diagnostic {
  const here = (s: Span | undefined) => s && s.file === a.file;
  const span = here(err.span) ? err.span : [...err.outer].reverse().find(here);
  const message = here(err.span) || !err.span ? err.text() : `${err.text()} (in ${err.span.file}:${err.span.line}:${err.span.col})`;
  return {
    range: span ? spanToRange(span) : TOP,
    severity: DiagnosticSeverity.Error,
    code: err.stage,
    source: 'mgmt',
    message,
  };
}

export function diagnostics(a: Analysis): Diagnostic[] {
  if (!a.error) return [];
  const out = [toDiagnostic(a.error, a)];
  if (a.error.stage === 'errLexParse' && a.error.span?.file === a.file) {
    // The compiler stops at the first syntax error; recovery finds the others.
    const seen = new Set([a.error.span.line]);
    for (const e of a.parse.errors) {
      if (!e.span || seen.has(e.span.line)) continue;
      seen.add(e.span.line);
      out.push(toDiagnostic(e, a));
    }
  }
  return out;
}
