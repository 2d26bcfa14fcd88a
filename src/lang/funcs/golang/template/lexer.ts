// The lexer of Go's text/template: splits a template into text, comments and
// the tokens inside `{{ }}` actions, with Go's trim markers (`{{- ` and ` -}}`)
// and Go's error texts. Lexing stops at the first error, which becomes an
// `error` item the parser reports.

import { goQuote } from '../../../types/value.js';

export type ItemType =
  | 'error'
  | 'bool'
  | 'char' // a printable ASCII character not otherwise used (`,`)
  | 'charConstant'
  | 'comment'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'complex'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export interface Item {
  typ: ItemType;
  /** Offset (UTF-16 index) of the item in the input. */
  pos: number;
  val: string;
  /** 1-based line of the item's start. */
  line: number;
}

const KEYWORDS: Record<string, ItemType> = {
  '.': 'dot',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  nil: 'nil',
  template: 'template',
  with: 'with',
};

export const isKeyword = (t: ItemType): boolean => Object.values(KEYWORDS).includes(t);

/** Go's item.String(), used in parse error messages. */
export function itemString(i: Item): string {
  if (i.typ === 'eof') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (isKeyword(i.typ)) return `<${i.val}>`;
  // Go's `%.10q...` for long values: the first ten runes, quoted, then an ellipsis.
  if ([...i.val].length > 10) return goQuote([...i.val].slice(0, 10).join('')) + '...';
  return goQuote(i.val);
}

const LEFT = '{{';
const RIGHT = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';

export const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
export const isAlphaNumeric = (c: string): boolean => c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);
const hasLeftTrimMarker = (s: string, at: number): boolean => s[at] === '-' && at + 1 < s.length && isSpace(s[at + 1]);
const hasRightTrimMarker = (s: string, at: number): boolean => at + 1 < s.length && isSpace(s[at]) && s[at + 1] === '-';

/** Turn a template into its items; the last one is `eof` or `error`. */
export function lex(input: string): Item[] {
  return new Lexer(input).run();
}

class Lexer {
  private pos = 0;
  private start = 0;
  private parenDepth = 0;
  private readonly items: Item[] = [];
  private lineCursor = 0;
  private lineCount = 1;

  constructor(private readonly input: string) {}

  run(): Item[] {
    for (;;) {
      const done = this.insideAction ? this.lexInsideAction() : this.lexText();
      if (done) return this.items;
    }
  }

  private insideAction = false;

  private lineAt(pos: number): number {
    // Items come in increasing order, so a forward cursor is enough.
    if (pos < this.lineCursor) {
      this.lineCursor = 0;
      this.lineCount = 1;
    }
    for (; this.lineCursor < pos; this.lineCursor++) if (this.input[this.lineCursor] === '\n') this.lineCount++;
    return this.lineCount;
  }

  private emit(typ: ItemType): void {
    this.items.push({ typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.lineAt(this.start) });
    this.start = this.pos;
  }

  /** Record an error item; returns true so the caller stops. */
  private error(msg: string): true {
    this.items.push({ typ: 'error', pos: this.start, val: msg, line: this.lineAt(this.start) });
    return true;
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.pos++; // so that backup() after eof is symmetric
      return '';
    }
    const cp = this.input.codePointAt(this.pos)!;
    const ch = String.fromCodePoint(cp);
    this.pos += ch.length;
    return ch;
  }
  private lastWidth(ch: string): number {
    return ch === '' ? 1 : ch.length;
  }
  private peek(): string {
    if (this.pos >= this.input.length) return '';
    return String.fromCodePoint(this.input.codePointAt(this.pos)!);
  }
  private accept(valid: string): boolean {
    const c = this.peek();
    if (c !== '' && valid.includes(c)) {
      this.pos += c.length;
      return true;
    }
    return false;
  }
  private acceptRun(valid: string): void {
    while (this.accept(valid));
  }

  /** Is the input at a right delimiter, possibly preceded by a trim marker? */
  private atRightDelim(): { delim: boolean; trim: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT, this.pos + 2)) return { delim: true, trim: true };
    if (this.input.startsWith(RIGHT, this.pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  }

  private leftTrimLength(at: number): number {
    let n = at;
    while (n < this.input.length && isSpace(this.input[n])) n++;
    return n - at;
  }

  private lexText(): boolean {
    const x = this.input.indexOf(LEFT, this.pos);
    if (x < 0) {
      this.pos = this.input.length;
      if (this.pos > this.start) this.emit('text');
      this.emit('eof');
      return true;
    }
    if (x > this.start) {
      let end = x;
      if (hasLeftTrimMarker(this.input, x + LEFT.length)) while (end > this.start && isSpace(this.input[end - 1])) end--;
      this.pos = end;
      if (end > this.start) this.emit('text');
    }
    this.pos = x;
    this.start = x;
    return this.lexLeftDelim();
  }

  private lexLeftDelim(): boolean {
    this.pos += LEFT.length;
    const trim = hasLeftTrimMarker(this.input, this.pos);
    const afterMarker = trim ? 2 : 0;
    if (this.input.startsWith(LEFT_COMMENT, this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.start = this.pos;
      return this.lexComment();
    }
    this.emit('leftDelim');
    this.insideAction = true;
    this.pos += afterMarker;
    this.start = this.pos;
    this.parenDepth = 0;
    return false;
  }

  private lexComment(): boolean {
    this.pos += LEFT_COMMENT.length;
    const x = this.input.indexOf(RIGHT_COMMENT, this.pos);
    if (x < 0) return this.error('unclosed comment');
    this.pos = x + RIGHT_COMMENT.length;
    const { delim, trim } = this.atRightDelim();
    if (!delim) return this.error('comment ends before closing delimiter');
    if (trim) this.pos += 2;
    this.pos += RIGHT.length;
    if (trim) this.pos += this.leftTrimLength(this.pos);
    this.start = this.pos;
    return false;
  }

  private lexRightDelim(trim: boolean): boolean {
    if (trim) {
      this.pos += 2;
      this.start = this.pos;
    }
    this.pos += RIGHT.length;
    this.emit('rightDelim');
    if (trim) {
      this.pos += this.leftTrimLength(this.pos);
      this.start = this.pos;
    }
    this.insideAction = false;
    return false;
  }

  private lexInsideAction(): boolean {
    const { delim, trim } = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return this.lexRightDelim(trim);
      return this.error('unclosed left paren');
    }
    const r = this.next();
    if (r === '') return this.error('unclosed action');
    if (isSpace(r)) {
      this.pos -= r.length;
      return this.lexSpace();
    }
    switch (r) {
      case '=':
        this.emit('assign');
        return false;
      case ':':
        if (this.next() !== '=') return this.error('expected :=');
        this.emit('declare');
        return false;
      case '|':
        this.emit('pipe');
        return false;
      case '"':
        return this.lexQuote();
      case '`':
        return this.lexRawQuote();
      case '$':
        return this.lexFieldOrVariable('variable');
      case "'":
        return this.lexChar();
      case '(':
        this.emit('leftParen');
        this.parenDepth++;
        return false;
      case ')':
        this.parenDepth--;
        if (this.parenDepth < 0) return this.error('unexpected right paren');
        this.emit('rightParen');
        return false;
    }
    if (r === '.') {
      const c = this.input[this.pos];
      if (c === undefined || c < '0' || c > '9') return this.lexFieldOrVariable('field');
    }
    if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
      this.pos -= r.length;
      return this.lexNumber();
    }
    if (isAlphaNumeric(r)) {
      this.pos -= r.length;
      return this.lexIdentifier();
    }
    const cp = r.codePointAt(0)!;
    if (cp <= 0x7f && cp >= 0x20 && cp !== 0x7f) {
      this.emit('char');
      return false;
    }
    return this.error(`unrecognized character in action: ${goRune(cp)}`);
  }

  private lexSpace(): boolean {
    let n = 0;
    while (isSpace(this.peek())) {
      this.pos++;
      n++;
    }
    // A space followed by `-}}` belongs to the closing delimiter.
    if (hasRightTrimMarker(this.input, this.pos - 1) && this.input.startsWith(RIGHT, this.pos + 1)) {
      this.pos--;
      if (n === 1) return false;
    }
    this.emit('space');
    return false;
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    if (r === '' || '.,|:)('.includes(r)) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }

  private lexIdentifier(): boolean {
    for (;;) {
      const r = this.next();
      if (isAlphaNumeric(r)) continue;
      this.pos -= this.lastWidth(r);
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.error(`bad character ${goRune(r.codePointAt(0) ?? -1)}`);
      const kw = KEYWORDS[word];
      if (kw !== undefined && kw !== 'dot') this.emit(kw);
      else if (word[0] === '.') this.emit('field');
      else if (word === 'true' || word === 'false') this.emit('bool');
      else this.emit('identifier');
      return false;
    }
  }

  private lexFieldOrVariable(typ: 'field' | 'variable'): boolean {
    if (this.atTerminator()) {
      this.emit(typ === 'variable' ? 'variable' : 'dot');
      return false;
    }
    let r: string;
    for (;;) {
      r = this.next();
      if (!isAlphaNumeric(r)) {
        this.pos -= this.lastWidth(r);
        break;
      }
    }
    if (!this.atTerminator()) return this.error(`bad character ${goRune(r.codePointAt(0) ?? -1)}`);
    this.emit(typ);
    return false;
  }

  private lexChar(): boolean {
    for (;;) {
      const r = this.next();
      if (r === '\\') {
        const n = this.next();
        if (n !== '' && n !== '\n') continue;
        return this.error('unterminated character constant');
      }
      if (r === '' || r === '\n') return this.error('unterminated character constant');
      if (r === "'") break;
    }
    this.emit('charConstant');
    return false;
  }

  private lexNumber(): boolean {
    if (!this.scanNumber()) return this.error(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
    const sign = this.peek();
    if (sign === '+' || sign === '-') {
      if (!this.scanNumber() || this.input[this.pos - 1] !== 'i')
        return this.error(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
      this.emit('complex');
    } else this.emit('number');
    return false;
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }

  private lexQuote(): boolean {
    for (;;) {
      const r = this.next();
      if (r === '\\') {
        const n = this.next();
        if (n !== '' && n !== '\n') continue;
        return this.error('unterminated quoted string');
      }
      if (r === '' || r === '\n') return this.error('unterminated quoted string');
      if (r === '"') break;
    }
    this.emit('string');
    return false;
  }

  private lexRawQuote(): boolean {
    const x = this.input.indexOf('`', this.pos);
    if (x < 0) return this.error('unterminated raw quoted string');
    this.pos = x + 1;
    this.emit('rawString');
    return false;
  }
}

/** Go's `%#U`: `U+0041 'A'`. */
export function goRune(cp: number): string {
  if (cp < 0) return 'U+FFFFFFFFFFFFFFFF';
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u.test(String.fromCodePoint(cp));
  return printable ? `U+${hex} '${String.fromCodePoint(cp)}'` : `U+${hex}`;
}
