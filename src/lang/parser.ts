// parse(): mcl text → AST. One lexer and one parser, made at module load and
// reused. Bad input never throws: the problems come back as errLexParse
// LangErrors with upstream's wording (`parser: `syntax error: unexpected X,
// expecting Y`` and friends) and a 1-character span at the offending token.

import type { IParserErrorMessageProvider, IRecognitionException, IToken, TokenType } from 'chevrotain';
import type { Comment, ParseResult, Program, Stmt } from './ast.js';
import { LangError, type Span } from './errors.js';
import { FloatLit, IntegerLit, mclLexer, TOKEN_ORDER } from './lexer.js';

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
import { NOLIST, ParseAbort } from './parser-base.js';
import { MclParser } from './parser-stmt.js';

const ORDER = new Map(TOKEN_ORDER.map((n, i) => [n, i]));

/** "A or B" in token order; NOLIST when upstream would print no list (more than four entries). */
function expectList(names: Iterable<string>): string {
  const uniq = [...new Set(names)].filter((n) => ORDER.has(n));
  if (uniq.length === 0 || uniq.length > 4) return NOLIST;
  uniq.sort((a, b) => ORDER.get(a)! - ORDER.get(b)!);
  return uniq.join(' or ');
}

function firstTokens(paths: TokenType[][][]): string[] {
  const out: string[] = [];
  for (const alt of paths) for (const path of alt) if (path.length) out.push(path[0].name);
  return out;
}

/** Messages are just the "expecting" list; parse() adds the rest. */
const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected }) => expectList([expected.name]),
  buildNotAllInputParsedMessage: () => NOLIST,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, customUserDescription }) =>
    customUserDescription ?? expectList(firstTokens(expectedPathsPerAlt)),
  buildEarlyExitMessage: ({ expectedIterationPaths, customUserDescription }) =>
    customUserDescription ?? expectList(firstTokens([expectedIterationPaths])),
};

// chevrotain's grammar checks cost start-up on every command; the tests run
// them (test/lang/parser.test.ts), so the parser the compiler uses skips them.
const parser = new MclParser({ maxLookahead: 1, errorMessageProvider: messages, skipValidations: true });
let recoveringParser: MclParser | undefined;

/** upstream's name for a token in messages: `$end` for the end of input. */
function tokenName(t: IToken): string {
  return t.tokenType.name === 'EOF' ? '$end' : t.tokenType.name;
}

/**
 * Where upstream reports `$end`: at the final newline (the input always ends
 * in one), i.e. just past the last line's last character.
 */
function endSpan(text: string, file: string): Span {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < text.length - 1; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const col = text.length - lineStart;
  return { file, line, col, endLine: line, endCol: col + 1, start: text.length - 1, end: text.length };
}

function tokenSpan(t: IToken, text: string, file: string): Span {
  if (t.tokenType.name === 'EOF' || Number.isNaN(t.startOffset)) return endSpan(text, file);
  return at(t, file);
}

function syntaxError(e: IRecognitionException, text: string, file: string): LangError {
  const list = e.message && e.message !== NOLIST ? `, expecting ${e.message}` : '';
  return new LangError('errLexParse', `parser: \`syntax error: unexpected ${tokenName(e.token)}${list}\``, tokenSpan(e.token, text, file));
}

function lexError(text: string, offset: number, line: number, column: number, file: string): LangError {
  const ch = text[offset];
  const detail = ch === '\r' ? 'unrecognized carriage return' : `unrecognized: \`${ch}\``;
  return new LangError('errLexParse', detail, { file, line, col: column, endLine: line, endCol: column + 1, start: offset, end: offset + 1 });
}

/** Number literals out of range are lexer errors upstream: `integer: overflow: `…``. */
function numberErrors(tokens: IToken[], file: string, out: LangError[]): void {
  for (const t of tokens) {
    // Only long literals can be out of range: skip the BigInt for the rest.
    if (t.tokenType === IntegerLit && t.image.length > 18) {
      const v = BigInt(t.image);
      if (v > INT64_MAX || v < INT64_MIN) out.push(new LangError('errLexParse', `integer: overflow: \`${t.image}\``, at(t, file)));
    } else if (t.tokenType === FloatLit && t.image.length > 300 && !Number.isFinite(Number(t.image))) {
      out.push(new LangError('errLexParse', `float: overflow: \`${t.image}\``, at(t, file)));
    }
  }
}

/** A 1-character span at the start of a token. */
function at(t: IToken, file: string): Span {
  return { file, line: t.startLine!, col: t.startColumn!, endLine: t.startLine!, endCol: t.startColumn! + 1, start: t.startOffset, end: t.startOffset + 1 };
}

/** The text as the lexer sees it: it always ends in a newline (the last statement needs one). */
export function withFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : text + '\n';
}

/**
 * Parse one file. `file` is the path as the user sees it in the deploy
 * (`/main.mcl`). Without `recover`, stops at the first error (then `ast` is
 * undefined); with it, returns every error chevrotain's recovery finds and a
 * partial tree when one could be built.
 */
export function parse(text: string, file: string, opts: { recover?: boolean } = {}): ParseResult {
  text = withFinalNewline(text);
  const lexed = mclLexer.tokenize(text);
  const comments: Comment[] = (lexed.groups.comments ?? []).map((t) => ({
    text: t.image.slice(1),
    span: { file, line: t.startLine!, col: t.startColumn!, endLine: t.endLine!, endCol: t.endColumn! + 1, start: t.startOffset, end: t.endOffset! + 1 },
  }));
  const lexErrors = lexed.errors.map((e) => lexError(text, e.offset, e.line ?? 1, e.column ?? 1, file));
  numberErrors(lexed.tokens, file, lexErrors);

  const p = opts.recover ? (recoveringParser ??= new MclParser({ maxLookahead: 1, errorMessageProvider: messages, recoveryEnabled: true, skipValidations: true })) : parser;
  p.fileName = file;
  p.collectErrors = !!opts.recover;
  p.semErrors = [];
  p.setTypeError = undefined;
  p.input = lexed.tokens;

  let body: Stmt[] | undefined;
  let errors: LangError[] = [];
  try {
    body = p.stmts();
    errors = p.errors.map((e) => syntaxError(e, text, file));
  } catch (e) {
    if (!(e instanceof ParseAbort)) {
      // A partial tree from recovery can trip the tree building: keep the errors.
      if (!opts.recover) throw e;
      body = undefined;
      errors = p.errors.map((x) => syntaxError(x, text, file));
    } else errors = [e.error];
  }
  // Lexer errors first: on a tie (a syntax error at the bad token) the lexer's wins.
  errors = [...lexErrors, ...errors, ...p.semErrors].sort((a, b) => a.span!.start - b.span!.start);
  // A type that could not be set counts only when everything else parsed (upstream's last error wins).
  if (p.setTypeError && (opts.recover || errors.length === 0)) errors.push(p.setTypeError);
  p.setTypeError = undefined;
  p.input = [];

  if (!opts.recover) {
    // upstream lexes as it parses: the first problem in the text wins.
    if (errors.length) return { errors: [errors[0]], comments };
    return { ast: program(body!, text, file), errors, comments, tokens: lexed.tokens };
  }
  return { ...(body ? { ast: program(body, text, file) } : {}), errors, comments };
}

function program(body: Stmt[], text: string, file: string): Program {
  const end = endSpan(text, file);
  return { kind: 'program', body, span: { file, line: 1, col: 1, endLine: end.line, endCol: end.endCol, start: 0, end: text.length } };
}
