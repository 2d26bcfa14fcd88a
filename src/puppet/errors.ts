// Errors of the Puppet frontend. Every one names where it happened
// (file:line:col) and what kind of failure it is, because the corpus (and a
// user migrating a manifest) must tell "outside our subset" from "Puppet
// itself would refuse this".

import { LangError } from '../lang/errors.js';
import type { Span, Stage } from '../lang/errors.js';

/** A position in a manifest: the same shape as a position in mcl (1-based line and column, 0-based offsets). */
export type PSpan = Span;

/**
 * - `unsupported`: valid Puppet outside our subset (exported/virtual resources,
 *   collectors, node definitions, stages, functions we do not have).
 * - `error`: Puppet itself rejects it (syntax, duplicate declaration, missing
 *   reference, dependency cycle, type mismatch).
 */
export type Outcome = 'unsupported' | 'error';

/** `compile` = while evaluating the manifest; `graph` = when ordering the catalog (cycles). */
export type PStage = 'parse' | 'compile' | 'graph';

export class PuppetError extends Error {
  constructor(
    readonly outcome: Outcome,
    readonly stage: PStage,
    readonly detail: string,
    readonly span?: PSpan,
    /** A suggestion (`did you mean \`content\`?`). */
    readonly help?: string,
  ) {
    super(span ? `${where(span)}: ${detail}` : detail);
    this.name = 'PuppetError';
  }
}

export const where = (s: PSpan): string => `${s.file}:${s.line}:${s.col}`;

/** Puppet's own way of citing a position: `(file: x.pp, line: 5, column: 1)`. */
export function puppetAt(s: PSpan | undefined, withColumn = true): string {
  if (!s) return '';
  const base = s.file.split('/').pop();
  return withColumn ? `(file: ${base}, line: ${s.line}, column: ${s.col})` : `(file: ${base}, line: ${s.line})`;
}

export const unsupported = (detail: string, span?: PSpan): PuppetError => new PuppetError('unsupported', 'compile', detail, span);
/** An error Puppet itself would raise while compiling; `near` is the name the user probably meant. */
export const evalError = (detail: string, span?: PSpan, near?: string): PuppetError =>
  new PuppetError('error', 'compile', detail, span, near ? `did you mean \`${near}\`?` : undefined);

/**
 * The stage a Puppet failure has among mcl's: only a manifest that does not
 * parse is errLexParse; evaluating it into a catalog (unknown attributes, bad
 * values, types, what is outside our subset) is errInterpret; a dependency
 * cycle is errGraph.
 */
export function langStage(e: PuppetError): Stage {
  if (e.stage === 'graph') return 'errGraph';
  if (e.stage === 'parse' && e.outcome === 'error') return 'errLexParse';
  return 'errInterpret';
}

/** A PuppetError as a LangError placed in the manifest, for the one renderer (src/lang/diagnose.ts). */
export function toLangError(e: PuppetError): LangError {
  const detail = e.outcome === 'unsupported' ? `not supported: ${e.detail}` : e.detail;
  return new LangError(langStage(e), detail, e.span, { help: e.help });
}
