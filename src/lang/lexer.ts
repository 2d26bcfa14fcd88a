// The mcl lexer: every token defined once, at module load. Token names are
// upstream's (goyacc) names, so "unexpected X, expecting Y" messages read the
// same; TOKEN_ORDER is upstream's token-number order, used to sort the
// "expecting" lists. NEWLINE is a real token: it ends statements.

import { createToken, Lexer, type ILexingResult, type IToken, type TokenType } from 'chevrotain';

const tok = (name: string, pattern: RegExp | string, extra: Record<string, unknown> = {}): TokenType =>
  createToken({ name, pattern, ...extra });

/** Every character from `a` to `z` (inclusive), for the start-character hints below. */
const chars = (a: string, z: string): string[] => Array.from({ length: z.charCodeAt(0) - a.charCodeAt(0) + 1 }, (_, i) => String.fromCharCode(a.charCodeAt(0) + i));
// Each regexp token says which characters can start it (`start_chars_hint`):
// chevrotain would otherwise parse every regexp at start-up to find out, the
// larger part of building the lexer. test/lang/lexer.test.ts checks each hint
// against its regexp.
const DIGITS = chars('0', '9');

/** Every binary operator: the parser reads `a op b op c` flat and folds by precedence. */
export const BinOp = createToken({ name: 'BinOp', pattern: Lexer.NA });
/** Not lexed themselves; the parser must know them. */
export const CATEGORIES: TokenType[] = [BinOp];
const bin = { categories: [BinOp] };

// Identifiers first (keywords name them as their longer alternative).
// No trailing `_`: `foo_` lexes as `foo` and then fails on `_`.
export const Identifier = tok('IDENTIFIER', /[a-z](?:[a-z0-9_]*[a-z0-9])?/, { start_chars_hint: chars('a', 'z') });
/** Upstream lowercases the value: `Test` → `test`. Only the first letter may be a capital. */
export const Capitalized = tok('CAPITALIZED_IDENTIFIER', /[A-Z](?:[a-z0-9_]*[a-z0-9])?/, { start_chars_hint: chars('A', 'Z') });

const kw = (name: string, word: string): TokenType => tok(name, word, { longer_alt: Identifier });

export const If = kw('IF', 'if');
export const Else = kw('ELSE', 'else');
export const For = kw('FOR', 'for');
export const ForKV = kw('FORKV', 'forkv');
export const In = tok('IN', 'in', { longer_alt: Identifier, ...bin });
export const And = tok('AND', 'and', { longer_alt: Identifier, ...bin });
export const Or = tok('OR', 'or', { longer_alt: Identifier, ...bin });
export const Not = kw('NOT', 'not');
export const BoolType = kw('BOOL_IDENTIFIER', 'bool');
export const StrType = kw('STR_IDENTIFIER', 'str');
export const IntType = kw('INT_IDENTIFIER', 'int');
export const FloatType = kw('FLOAT_IDENTIFIER', 'float');
export const MapKw = kw('MAP_IDENTIFIER', 'map');
export const StructKw = kw('STRUCT_IDENTIFIER', 'struct');
export const VariantType = kw('VARIANT_IDENTIFIER', 'variant');
export const Func = kw('FUNC_IDENTIFIER', 'func');
export const Class = kw('CLASS_IDENTIFIER', 'class');
export const Include = kw('INCLUDE_IDENTIFIER', 'include');
export const Import = kw('IMPORT_IDENTIFIER', 'import');
export const As = kw('AS_IDENTIFIER', 'as');
export const Bool = tok('BOOL', /true|false/, { longer_alt: Identifier, start_chars_hint: ['t', 'f'] });
export const Panic = kw('PANIC_IDENTIFIER', 'panic');
export const Collect = kw('COLLECT_IDENTIFIER', 'collect');

export const WhiteSpace = tok('WHITESPACE', /[ \t]+/, { group: Lexer.SKIPPED, start_chars_hint: [' ', '\t'] });
export const Newline = tok('NEWLINE', /\n/, { line_breaks: true, start_chars_hint: ['\n'] });
/** Comments go to their own group, so tools can put them back. */
export const Comment = tok('COMMENT', /#[^\n]*/, { group: 'comments', start_chars_hint: ['#'] });
/** Escapes are not processed here (the Interpolate stage does that); may span lines. */
export const StringLit = tok('STRING', /"(?:[^"\\]|\\[^])*"/, { line_breaks: true, start_chars_hint: ['"'] });
// A `-` directly followed by a digit belongs to the number, so these come before MINUS.
export const FloatLit = tok('FLOAT', /-?[0-9]+\.[0-9]+/, { start_chars_hint: ['-', ...DIGITS] });
export const IntegerLit = tok('INTEGER', /-?[0-9]+/, { start_chars_hint: ['-', ...DIGITS] });

export const Arrow = tok('ARROW', '->');
export const Rocket = tok('ROCKET', '=>');
export const Eq = tok('EQ', '==', bin);
export const Equals = tok('EQUALS', '=');
export const Neq = tok('NEQ', '!=', bin);
export const Except = tok('EXCEPT', '<|>', bin);
export const Lte = tok('LTE', '<=', bin);
export const Lt = tok('LT', '<', bin);
export const Gte = tok('GTE', '>=', bin);
export const Gt = tok('GT', '>', bin);
export const Elvis = tok('ELVIS', '?:');
export const OpenCurly = tok('OPEN_CURLY', '{');
export const CloseCurly = tok('CLOSE_CURLY', '}');
export const OpenParen = tok('OPEN_PAREN', '(');
export const CloseParen = tok('CLOSE_PAREN', ')');
export const OpenBrack = tok('OPEN_BRACK', '[');
export const CloseBrack = tok('CLOSE_BRACK', ']');
export const Plus = tok('PLUS', '+', bin);
export const Minus = tok('MINUS', '-', bin);
export const Multiply = tok('MULTIPLY', '*', bin);
export const Divide = tok('DIVIDE', '/', bin);
export const Comma = tok('COMMA', ',');
export const Colon = tok('COLON', ':');
export const Semicolon = tok('SEMICOLON', ';');
export const Dot = tok('DOT', '.');
export const Dollar = tok('DOLLAR', '$');

const KEYWORD_TOKENS: TokenType[] = [
  If, Else, For, ForKV, In, And, Or, Not, BoolType, StrType, IntType, FloatType, MapKw, StructKw,
  VariantType, Func, Class, Include, Import, As, Bool, Panic, Collect,
].sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length);

/** Lexer order: first match wins, so longer punctuation and keywords come first. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  Newline,
  Comment,
  StringLit,
  FloatLit,
  IntegerLit,
  Arrow,
  Rocket,
  Eq,
  Equals,
  Neq,
  Except,
  Lte,
  Lt,
  Gte,
  Gt,
  Elvis,
  OpenCurly,
  CloseCurly,
  OpenParen,
  CloseParen,
  OpenBrack,
  CloseBrack,
  Plus,
  Minus,
  Multiply,
  Divide,
  Comma,
  Colon,
  Semicolon,
  Dot,
  Dollar,
  // A keyword that is a prefix of another (in/int/include, str/struct, for/forkv)
  // would win and then lose to IDENTIFIER via longer_alt: longest first.
  ...KEYWORD_TOKENS,
  Identifier,
  Capitalized,
];

/** upstream's token names in token-number order (the order of "expecting" lists). */
export const TOKEN_ORDER: readonly string[] = [
  'NEWLINE', 'OPEN_CURLY', 'CLOSE_CURLY', 'OPEN_PAREN', 'CLOSE_PAREN', 'OPEN_BRACK', 'CLOSE_BRACK',
  'IF', 'ELSE', 'FOR', 'FORKV', 'BOOL', 'STRING', 'INTEGER', 'FLOAT', 'EQUALS', 'DOLLAR', 'COMMA',
  'COLON', 'SEMICOLON', 'ELVIS', 'EXCEPT', 'ROCKET', 'ARROW', 'DOT', 'BOOL_IDENTIFIER',
  'STR_IDENTIFIER', 'INT_IDENTIFIER', 'FLOAT_IDENTIFIER', 'MAP_IDENTIFIER', 'STRUCT_IDENTIFIER',
  'VARIANT_IDENTIFIER', 'IDENTIFIER', 'CAPITALIZED_IDENTIFIER', 'FUNC_IDENTIFIER', 'CLASS_IDENTIFIER',
  'INCLUDE_IDENTIFIER', 'IMPORT_IDENTIFIER', 'AS_IDENTIFIER', 'COMMENT', 'ERROR', 'COLLECT_IDENTIFIER',
  'PANIC_IDENTIFIER', 'STRUCT_LOOKUP', 'OR', 'AND', 'LT', 'GT', 'LTE', 'GTE', 'EQ', 'NEQ', 'IN',
  'PLUS', 'MINUS', 'MULTIPLY', 'DIVIDE', 'NOT',
];

/** Binary operator precedence, lowest first (reference §3.2). */
export const CMP_PREC = 4;
const PRECEDENCE = new Map<TokenType, number>([
  [Except, 1],
  [Or, 2],
  [And, 3],
  [Eq, CMP_PREC],
  [Neq, CMP_PREC],
  [Lt, CMP_PREC],
  [Gt, CMP_PREC],
  [Lte, CMP_PREC],
  [Gte, CMP_PREC],
  [In, CMP_PREC],
  [Plus, 5],
  [Minus, 5],
  [Multiply, 6],
  [Divide, 6],
]);

export function precedence(op: IToken): number {
  return PRECEDENCE.get(op.tokenType) ?? 0;
}

/** The keywords of the language (words that can't be identifiers). */
export const KEYWORDS: readonly string[] = [
  'if', 'else', 'for', 'forkv', 'in', 'and', 'or', 'not', 'bool', 'str', 'int', 'float', 'map', 'struct',
  'func', 'class', 'include', 'import', 'as', 'variant', 'true', 'false', 'panic', 'collect',
];

/**
 * The lexer. `validate` runs chevrotain's checks of the token definitions:
 * the tests do; the lexer the compiler uses skips them (they cost start-up
 * and cannot fail on definitions the tests passed).
 */
export function makeLexer(opts: { ensureOptimizations?: boolean; validate?: boolean } = {}): Lexer {
  return new Lexer(allTokens, {
    skipValidations: !opts.validate,
    positionTracking: 'full',
    // `\r` is not a line terminator in mcl: it is an error.
    lineTerminatorCharacters: ['\n'],
    lineTerminatorsPattern: /\n/g,
    ensureOptimizations: opts.ensureOptimizations ?? false,
  });
}

/** The one lexer, made at module load. */
export const mclLexer = makeLexer();

export function tokenize(text: string): ILexingResult {
  return mclLexer.tokenize(text);
}
