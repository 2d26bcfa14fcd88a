// Staged errors and source spans: the one error type every stage of the
// compiler throws or returns, and the one renderer that check, run and lsp use.

/** The compiler stages, in pipeline order, named as upstream mgmt names them. */
export const STAGES = [
  'errLexParse',
  'errInit',
  'errInterpolate',
  'errSetScope',
  'errUnify',
  'errGraph',
  'errStream',
  'errInterpret',
  'errAutoEdge',
  'errValidate',
] as const;
export type Stage = (typeof STAGES)[number];

/**
 * A region of a source file. Lines and columns are 1-based; `endCol` is one
 * past the last character (so `$x` at column 8 spans 8..10). Offsets are
 * 0-based character offsets into the file's text, end exclusive.
 */
export interface Span {
  /** Path of the file as the user sees it in the deploy, e.g. `/main.mcl`. */
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  start: number;
  end: number;
}

/** upstream's byline form: `/main.mcl @ 3:1-3:15`. */
export function byline(span: Span): string {
  return `${span.file} @ ${span.line}:${span.col}-${span.endLine}:${span.endCol}`;
}

/** The smallest span covering both. Both must be in the same file. */
export function joinSpans(a: Span, b: Span): Span {
  const first = a.start <= b.start ? a : b;
  const last = a.end >= b.end ? a : b;
  return {
    file: a.file,
    line: first.line,
    col: first.col,
    start: first.start,
    endLine: last.endLine,
    endCol: last.endCol,
    end: last.end,
  };
}

export interface Note {
  span?: Span;
  message: string;
}

/**
 * A compile or run error of the language, tagged with the stage that found it.
 * `message` is the text without the stage; `text()` adds the byline(s) the way
 * upstream prints them, so error messages stay comparable with its test cases.
 */
export class LangError extends Error {
  readonly stage: Stage;
  readonly span?: Span;
  readonly detail: string;
  /** Extra bylines printed after the main one (e.g. the import statement). */
  readonly outer: Span[];
  readonly notes: Note[];
  /** The detail already names its positions: `text()` adds no byline (the span still locates it). */
  readonly inlineByline: boolean;
  /** A suggestion the stage that found the error already knows (a frontend's `did you mean`). */
  readonly help?: string;

  constructor(stage: Stage, detail: string, span?: Span, opts: { outer?: Span[]; notes?: Note[]; inlineByline?: boolean; help?: string } = {}) {
    super(detail);
    this.name = 'LangError';
    this.stage = stage;
    this.detail = detail;
    this.span = span;
    this.outer = opts.outer ?? [];
    this.notes = opts.notes ?? [];
    this.inlineByline = opts.inlineByline ?? false;
    this.help = opts.help;
  }

  /** The message with its bylines, without the stage: what upstream prints. */
  text(): string {
    let s = this.detail;
    if (this.span && !this.inlineByline) s += `: ${byline(this.span)}`;
    for (const o of this.outer) s += `: ${byline(o)}`;
    return s;
  }

  /** `errUnify: type error: int != str: /main.mcl @ 1:1-1:5` */
  override toString(): string {
    return `${this.stage}: ${this.text()}`;
  }

  /** The same error, re-tagged (used when an imported file's error surfaces at SetScope). */
  restage(stage: Stage, prefix: string, outer?: Span): LangError {
    return new LangError(stage, prefix + this.detail, this.span, {
      outer: outer ? [...this.outer, outer] : this.outer,
      notes: this.notes,
      inlineByline: this.inlineByline,
      help: this.help,
    });
  }
}

export function isLangError(e: unknown): e is LangError {
  return e instanceof LangError;
}

/**
 * Human rendering: `file:line:col: stage: message`, the source line, and
 * carets under the span. `sources` maps a span's file to its text.
 */
export function renderError(err: LangError, sources: (file: string) => string | undefined): string {
  const out: string[] = [];
  const sp = err.span;
  if (!sp) {
    out.push(`${err.stage}: ${err.text()}`);
  } else {
    out.push(`${sp.file}:${sp.line}:${sp.col}: ${err.stage}: ${err.text()}`);
    const text = sources(sp.file);
    if (text !== undefined) {
      const line = text.split('\n')[sp.line - 1];
      if (line !== undefined) {
        const width = sp.endLine === sp.line ? Math.max(1, sp.endCol - sp.col) : Math.max(1, line.length - sp.col + 1);
        const pad = line.slice(0, sp.col - 1).replace(/[^\t]/g, ' ');
        out.push('');
        out.push(`    ${line}`);
        out.push(`    ${pad}${'^'.repeat(width)}`);
      }
    }
  }
  for (const n of err.notes) {
    out.push(n.span ? `  note: ${n.message}: ${byline(n.span)}` : `  note: ${n.message}`);
  }
  return out.join('\n');
}
