import { describe, expect, it } from 'vitest';
import { allTokens, KEYWORDS, makeLexer, TOKEN_ORDER, tokenize } from '../../src/lang/lexer.js';

const names = (text: string) => tokenize(text).tokens.map((t) => t.tokenType.name);
const images = (text: string) => tokenize(text).tokens.map((t) => t.image);

describe('lexer', () => {
  it("builds with the first-character optimisation on and chevrotain's checks of the definitions", () => {
    expect(() => makeLexer({ ensureOptimizations: true, validate: true })).not.toThrow();
  });

  it('hints every character a regexp token can start with', () => {
    // The hints replace chevrotain's own analysis of each regexp: a missing
    // character would make the lexer miss the token there. Try every
    // character of the first 0x3000 code points, followed by each of a few
    // continuations, against each regexp anchored at the start.
    const tails = ['', 'a', 'A', '0', '1.5', '"', 'x"', 'rue', 'alse', ' ', '\n', '_a'];
    for (const t of allTokens) {
      if (!(t.PATTERN instanceof RegExp)) continue;
      const hint = new Set((t.START_CHARS_HINT ?? []).map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c)));
      expect(hint.size, t.name).toBeGreaterThan(0);
      const re = new RegExp(`^(?:${t.PATTERN.source})`);
      for (let c = 0; c < 0x3000; c++) {
        const ch = String.fromCharCode(c);
        if (tails.some((tail) => re.test(ch + tail))) expect(hint.has(c), `${t.name} can start with U+${c.toString(16)}`).toBe(true);
      }
    }
  });

  it('names every lexed token as upstream does', () => {
    for (const t of allTokens) {
      if (t.name === 'WHITESPACE') continue;
      expect(TOKEN_ORDER).toContain(t.name);
    }
  });

  it('lexes every keyword as itself', () => {
    for (const k of KEYWORDS) {
      const [n] = names(k);
      expect(n).not.toBe('IDENTIFIER');
    }
    expect(names('true false')).toEqual(['BOOL', 'BOOL']);
  });

  it('takes the longest match: words that start with a keyword are identifiers', () => {
    expect(names('index strings format nothing float32 int8ptr iffy forkvx')).toEqual(Array(8).fill('IDENTIFIER'));
    expect(names('include int in forkv for struct str')).toEqual([
      'INCLUDE_IDENTIFIER', 'INT_IDENTIFIER', 'IN', 'FORKV', 'FOR', 'STRUCT_IDENTIFIER', 'STR_IDENTIFIER',
    ]);
  });

  it('keeps a trailing underscore out of identifiers', () => {
    const r = tokenize('foo_');
    expect(r.tokens.map((t) => t.image)).toEqual(['foo']);
    expect(r.errors).toHaveLength(1);
    expect(names('a_b1 x_9')).toEqual(['IDENTIFIER', 'IDENTIFIER']);
  });

  it('lexes capitalized identifiers one capital at a time', () => {
    expect(images('Http:Server:Ui')).toEqual(['Http', ':', 'Server', ':', 'Ui']);
    expect(images('HTTP')).toEqual(['H', 'T', 'T', 'P']);
  });

  it('gives a `-` directly before a digit to the number', () => {
    expect(names('$x-1')).toEqual(['DOLLAR', 'IDENTIFIER', 'INTEGER']);
    expect(names('$x - 1')).toEqual(['DOLLAR', 'IDENTIFIER', 'MINUS', 'INTEGER']);
    expect(images('5-3 -2.50 1.')).toEqual(['5', '-3', '-2.50', '1', '.']);
    expect(names('-2.50')).toEqual(['FLOAT']);
  });

  it('lexes multi-character punctuation before its prefixes', () => {
    expect(names('-> => == = != <|> <= < >= > ?: . $ ; : ,')).toEqual([
      'ARROW', 'ROCKET', 'EQ', 'EQUALS', 'NEQ', 'EXCEPT', 'LTE', 'LT', 'GTE', 'GT', 'ELVIS', 'DOT', 'DOLLAR', 'SEMICOLON', 'COLON', 'COMMA',
    ]);
  });

  it('keeps strings raw, across lines, with escaped quotes', () => {
    const r = tokenize('"a\\"b\nc" x');
    expect(r.tokens[0].image).toBe('"a\\"b\nc"');
    expect(r.tokens[1]).toMatchObject({ image: 'x', startLine: 2, startColumn: 4 });
  });

  it('puts comments in their own group and keeps NEWLINE tokens', () => {
    const r = tokenize('$x = 1 # the answer\n');
    expect(r.tokens.map((t) => t.tokenType.name)).toEqual(['DOLLAR', 'IDENTIFIER', 'EQUALS', 'INTEGER', 'NEWLINE']);
    expect(r.groups.comments.map((t) => t.image)).toEqual(['# the answer']);
  });

  it('counts a tab as one column', () => {
    expect(tokenize('\t\tx').tokens[0].startColumn).toBe(3);
  });

  it('rejects carriage returns and unknown characters', () => {
    expect(tokenize('$x = 1\r\n').errors).toHaveLength(1);
    expect(tokenize('@').errors).toHaveLength(1);
    expect(tokenize('!').errors).toHaveLength(1);
  });
});
