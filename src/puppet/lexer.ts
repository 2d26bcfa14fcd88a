// The Puppet lexer (chevrotain). Three parts of Puppet's syntax are not
// regular, so they are custom matchers:
// - double-quoted strings, whose `${...}` may hold braces and quotes;
// - regexes, told from division by the token before them (as Puppet does);
// - heredocs: `@(TAG)` is a token, and the newline that ends its line also
//   swallows the body up to the `| TAG` line, handing the body to the header
//   token's payload. Lines and offsets stay those of the file.

import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';
import { PuppetError, type PSpan } from './errors.js';

/** What a heredoc header carries once its body has been read. */
export interface HeredocInfo {
  tag: string;
  /** `@("TAG")`: the body interpolates. */
  interpolate: boolean;
  /** The `/flags` escapes (undefined: none). */
  escapes?: string;
  syntax?: string;
  /** The body after margin and trim processing; undefined until read. */
  body?: string;
  /** Offset and position of the first body line in the file. */
  bodyStart: number;
  bodyLine: number;
  /** Columns stripped from each line (the `|` margin). */
  margin: number;
}

// Lexer state for one tokenize() call: heredoc headers waiting for their body.
let pending: HeredocInfo[] = [];

const HEREDOC_HEAD = /@\(\s*("?)([^"):/\s]+)\1\s*(?::\s*([a-z]+))?\s*(?:\/\s*([trnsuL$]*))?\s*\)/y;

function matchHeredoc(text: string, offset: number): RegExpExecArray | null {
  HEREDOC_HEAD.lastIndex = offset;
  const m = HEREDOC_HEAD.exec(text);
  if (!m) return null;
  const info: HeredocInfo = {
    tag: m[2],
    interpolate: m[1] === '"',
    syntax: m[3],
    escapes: m[4] === undefined ? undefined : m[4] === '' ? 'trnsuL$' : m[4],
    bodyStart: -1,
    bodyLine: 0,
    margin: 0,
  };
  pending.push(info);
  const r = [m[0]] as unknown as RegExpExecArray;
  (r as unknown as { payload: HeredocInfo }).payload = info;
  return r;
}

/** A newline; when heredocs are pending, it also eats their bodies. */
function matchNewline(text: string, offset: number): RegExpExecArray | null {
  if (text[offset] !== '\n') return null;
  let pos = offset + 1;
  if (!pending.length) return ['\n'] as unknown as RegExpExecArray;
  let line = text.slice(0, offset).split('\n').length + 1;
  while (pending.length) {
    const info = pending.shift()!;
    info.bodyStart = pos;
    info.bodyLine = line;
    const lines: string[] = [];
    const endRe = new RegExp(`^([ \\t]*)(\\|)?[ \\t]*(-)?[ \\t]*${info.tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*$`);
    for (;;) {
      if (pos >= text.length) throw new PuppetError('error', 'parse', `heredoc without end tag \`${info.tag}\``);
      let nl = text.indexOf('\n', pos);
      if (nl < 0) nl = text.length;
      const l = text.slice(pos, nl);
      const m = endRe.exec(l);
      pos = nl < text.length ? nl + 1 : nl;
      line++;
      if (m) {
        info.margin = m[2] ? m[1].length : 0;
        let body = lines.map((x) => stripMargin(x, info.margin)).join('\n') + (lines.length ? '\n' : '');
        if (m[3]) body = body.replace(/\r?\n$/, '');
        info.body = body;
        break;
      }
      lines.push(l);
    }
  }
  // The body's own final newline is the next token's business only when no heredoc was read.
  const end = pos > offset + 1 ? pos - 1 : offset + 1;
  return [text.slice(offset, end)] as unknown as RegExpExecArray;
}

function stripMargin(line: string, margin: number): string {
  let i = 0;
  while (i < margin && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(i);
}

/** `"..."` with `${...}` that may nest braces and strings. */
function matchDq(text: string, offset: number): RegExpExecArray | null {
  if (text[offset] !== '"') return null;
  const end = scanDq(text, offset + 1);
  return end < 0 ? null : ([text.slice(offset, end)] as unknown as RegExpExecArray);
}

/** Index one past the closing quote, or -1. */
function scanDq(text: string, i: number): number {
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '$' && text[i + 1] === '{') {
      i = scanBraces(text, i + 2);
      if (i < 0) return -1;
    } else i++;
  }
  return -1;
}

/** From inside `${`, index one past the matching `}`. */
export function scanBraces(text: string, i: number): number {
  let depth = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i = scanDq(text, i + 1);
      if (i < 0) return -1;
      continue;
    }
    if (c === "'") {
      i++;
      while (i < text.length && text[i] !== "'") i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
    i++;
  }
  return -1;
}

/** Token types after which `/` is division, not the start of a regex. */
const VALUE_END = new Set(['Number', 'Variable', 'SqString', 'DqString', 'RParen', 'RBrack', 'Name', 'TypeName', 'Heredoc']);

function matchRegex(text: string, offset: number, tokens: IToken[]): RegExpExecArray | null {
  if (text[offset] !== '/') return null;
  const prev = tokens[tokens.length - 1];
  if (prev && VALUE_END.has(prev.tokenType.name)) return null;
  let i = offset + 1;
  while (i < text.length && text[i] !== '/' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
  if (text[i] !== '/') return null;
  return [text.slice(offset, i + 1)] as unknown as RegExpExecArray;
}

const tok = (name: string, pattern: RegExp | string, extra: Record<string, unknown> = {}): TokenType => createToken({ name, pattern, ...extra });

export const WhiteSpace = tok('WhiteSpace', /[ \t\r]+/, { group: Lexer.SKIPPED });
export const Newline = tok('Newline', { exec: matchNewline } as unknown as RegExp, { group: Lexer.SKIPPED, line_breaks: true, start_chars_hint: ['\n'] });
export const Comment = tok('Comment', /#[^\n]*/, { group: Lexer.SKIPPED });
export const BlockComment = tok('BlockComment', /\/\*[^]*?\*\//, { group: Lexer.SKIPPED, line_breaks: true });
export const Heredoc = tok('Heredoc', { exec: matchHeredoc } as unknown as RegExp, { start_chars_hint: ['@'] });
export const AtAt = tok('AtAt', '@@');
export const At = tok('At', '@');
export const SqString = tok('SqString', /'(?:[^'\\]|\\[^])*'/, { line_breaks: true });
export const DqString = tok('DqString', { exec: matchDq } as unknown as RegExp, { line_breaks: true, start_chars_hint: ['"'] });
export const Regex = tok('Regex', { exec: matchRegex } as unknown as RegExp, { start_chars_hint: ['/'] });
export const NumberLit = tok('Number', /0[xX][0-9a-fA-F]+|[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/);
export const Variable = tok('Variable', /\$(?:(?:::)?[a-z_][A-Za-z0-9_]*(?:::[a-z_][A-Za-z0-9_]*)*|[0-9]+)/);
export const Name = tok('Name', /(?:::)?[a-z_][a-z0-9_]*(?:::[a-z_][a-z0-9_]*)*/);
export const TypeName = tok('TypeName', /(?:::)?[A-Z][A-Za-z0-9_]*(?:::[A-Z][A-Za-z0-9_]*)*/);

const punct: [string, string][] = [
  ['LCollect', '<<|'], ['RCollect', '|>>'], ['LVCollect', '<|'], ['RVCollect', '|>'],
  ['InEdge', '->'], ['InEdgeSub', '~>'], ['OutEdge', '<-'], ['OutEdgeSub', '<~'],
  ['FarArrow', '=>'], ['PArrow', '+>'], ['IsEqual', '=='], ['NotEqual', '!='], ['Match', '=~'], ['NoMatch', '!~'],
  ['GreaterEqual', '>='], ['LessEqual', '<='], ['LShift', '<<'], ['RShift', '>>'],
  ['Equals', '='], ['Greater', '>'], ['Less', '<'], ['Not', '!'], ['Plus', '+'], ['Minus', '-'], ['Times', '*'],
  ['Div', '/'], ['Modulo', '%'], ['Question', '?'], ['Colon', ':'], ['Comma', ','], ['Semi', ';'], ['Dot', '.'],
  ['Pipe', '|'], ['LBrace', '{'], ['RBrace', '}'], ['LBrack', '['], ['RBrack', ']'], ['LParen', '('], ['RParen', ')'],
];
const punctTokens = punct.map(([n, p]) => tok(n, p));

const allTokens: TokenType[] = [
  WhiteSpace, Newline, Comment, BlockComment, Heredoc, AtAt, At, SqString, DqString, Regex, NumberLit, Variable, Name, TypeName,
  ...punctTokens,
];

const lexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false, skipValidations: true });

/** Tokens of `text`; line/column/offset shifted by `base` when lexing a piece of a larger file. */
export function tokenize(text: string, file: string, base?: { offset: number; line: number; col: number }): IToken[] {
  const saved = pending;
  pending = [];
  try {
    const r = lexer.tokenize(text);
    if (pending.length) {
      throw new PuppetError('error', 'parse', `heredoc \`@(${pending[0].tag})\` has no body (the manifest ends on its line)`);
    }
    if (r.errors.length) {
      const e = r.errors[0];
      const span: PSpan = { file, line: e.line ?? 0, col: e.column ?? 0, endLine: e.line ?? 0, endCol: (e.column ?? 0) + 1, start: e.offset, end: e.offset + 1 };
      if (base) shiftSpan(span, base);
      throw new PuppetError('error', 'parse', `Syntax error: unexpected character \`${text[e.offset]}\``, span);
    }
    if (base) {
      for (const t of r.tokens) {
        if (t.startLine === 1) t.startColumn! += base.col - 1;
        if (t.endLine === 1) t.endColumn! += base.col - 1;
        t.startLine! += base.line - 1;
        t.endLine! += base.line - 1;
        t.startOffset += base.offset;
        t.endOffset! += base.offset;
      }
    }
    return r.tokens;
  } finally {
    pending = saved;
  }
}

function shiftSpan(s: PSpan, base: { offset: number; line: number; col: number }): void {
  if (s.line === 1) s.col += base.col - 1;
  s.line += base.line - 1;
  s.endLine = s.line;
  s.endCol = s.col + 1;
  s.start += base.offset;
  s.end += base.offset;
}
