// The fast path for the commonest edit of a running program: a change to the
// value of some literals (a file's content, a port number, a flag) and nothing
// else. Such an edit cannot change the program's shape: the same tokens, the
// same tree, the same scopes and — unless a literal's value feeds type
// inference (a printf format) — the same types. So instead of compiling the
// whole program again (which for 10,000 resources is most of a swap's time),
// the literals are patched in place in the trees and the scoped program, the
// spans after them are shifted, and the function engine starts over on the
// patched program. Anything else — a new token, a moved line, an import, a
// literal that becomes an interpolation — goes back to a full compile, which
// stays the reference: this path only ever takes edits whose outcome it can
// prove is the one a full compile would give.

import type { IToken, TokenType } from 'chevrotain';
import type { Span } from './errors.js';
import type { Compiled, KeptFile } from './index.js';
import { initCheck } from './init.js';
import { scanString } from './interpolate.js';
import type { IExpr } from './ir.js';
import { Bool, FloatLit, IntegerLit, mclLexer, StringLit } from './lexer.js';
import { withFinalNewline } from './parser.js';
import { unify } from './types/infer.js';
import { valueEqual } from './types/value.js';
import type { Value } from './types/value.js';

const LITERALS: readonly TokenType[] = [StringLit, IntegerLit, FloatLit, Bool];

/** A node that holds a literal's value: an AST literal or an IR constant. */
type Holder = Record<string, unknown> & { span: Span };

/** One literal token whose text changed, in old-text offsets. */
interface LiteralChange {
  /** Index of the token (the same before and after: literal edits keep the tokens). */
  token: number;
  start: number;
  end: number;
  line: number;
  /** The new text and value, and the value before. */
  image: string;
  value: Value;
  oldValue: Value;
}

/** The result of trying an edit: a patched program, nothing to do, or "compile it in full". */
export type FastResult = { kind: 'patched'; literals: number; retyped: boolean } | { kind: 'same' } | { kind: 'full'; why: string };

/** What every span, literal and token of the file is, found once per full compile. */
interface Index {
  spans: Span[];
  /** By token index: the nodes that start at that token. */
  holders: Map<number, Holder[]>;
  /** Literals inside a map key: Init checks those keys for duplicates. */
  inMapKey: Set<object>;
}

// Properties that never lead to a node of the program (function definitions, types).
const SKIP = new Set(['def', 'type', 'ret', 'module']);

function isSpan(o: Record<string, unknown>): o is Record<string, unknown> & Span {
  return typeof o.file === 'string' && typeof o.start === 'number' && typeof o.endCol === 'number';
}

/** Visit every object reachable from `roots` once (not through functions or SKIP properties). */
function walk(roots: unknown[], seen: Set<object>, visit: (o: Record<string, unknown>) => void): void {
  const stack: unknown[] = [...roots];
  while (stack.length) {
    const o = stack.pop();
    if (o === null || typeof o !== 'object' || seen.has(o)) continue;
    seen.add(o);
    if (Array.isArray(o)) {
      for (const x of o) if (x !== null && typeof x === 'object') stack.push(x);
      continue;
    }
    const rec = o as Record<string, unknown>;
    visit(rec);
    for (const k in rec) {
      if (SKIP.has(k)) continue;
      const v = rec[k];
      if (v !== null && typeof v === 'object') stack.push(v);
    }
  }
}

/**
 * Literal edits of one source file of a compiled program. Made after a full
 * compile (with `keepFiles`); `apply` patches that same Compiled in place.
 */
export class LiteralEditor {
  private text: string;
  private starts: Int32Array;
  private ends: Int32Array;
  private types: TokenType[];
  private index?: Index;

  constructor(
    private readonly compiled: Compiled,
    /** The file this editor patches (the entry or a local import), from `compiled.kept`. */
    private readonly file: KeptFile,
  ) {
    this.text = file.text;
    const toks: IToken[] = file.tokens;
    this.starts = new Int32Array(toks.length);
    this.ends = new Int32Array(toks.length);
    this.types = new Array<TokenType>(toks.length);
    toks.forEach((t, i) => {
      this.starts[i] = t.startOffset;
      this.ends[i] = t.endOffset! + 1;
      this.types[i] = t.tokenType;
    });
    file.tokens = []; // the typed arrays above are all that is needed
  }

  /** Do the one-time indexing now (when idle), so the first edit does not wait for it. */
  prepare(): void {
    this.getIndex();
  }

  /** Try `newText` (the file's new content) as literal edits of the compiled program. */
  apply(newText: string): FastResult {
    newText = withFinalNewline(newText);
    const old = this.text;
    if (newText === old) return { kind: 'same' };
    const changes = this.diff(old, newText);
    if (typeof changes === 'string') return { kind: 'full', why: changes };
    if (changes.length === 0) {
      // Only comments or spacing of the same length changed: the program is the same.
      this.text = newText;
      this.compiled.sources.set(this.file.path, newText);
      return { kind: 'same' };
    }
    const index = this.getIndex();
    const patches: { holder: Holder; field: string; before: unknown }[] = [];
    const set = (holder: Holder, field: string, v: unknown) => {
      patches.push({ holder, field, before: holder[field] });
      holder[field] = v;
    };
    const undo = () => {
      for (let i = patches.length - 1; i >= 0; i--) patches[i].holder[patches[i].field] = patches[i].before;
    };
    let retype = false;
    let recheckInit = false;
    for (const c of changes) {
      // Only nodes spanning exactly this token and still holding its old value
      // (a node that merely starts here, like `"a" + $b`, is not the literal).
      const holders = (index.holders.get(c.token) ?? []).filter((h) => h.span.end === c.end);
      if (holders.some((h) => !holdsOld(h, c))) {
        undo();
        return { kind: 'full', why: 'a literal holds another value than its text says' };
      }
      if (!holders.some((h) => h.k === 'const')) {
        undo();
        return { kind: 'full', why: 'a literal that is not a value of the program (an import?)' };
      }
      for (const h of holders) {
        set(h, 'value', c.value);
        if (h.k === 'const') {
          if (this.compiled.typing.valueReads.has(h as unknown as IExpr)) retype = true;
          continue;
        }
        if (h.kind === 'str') set(h, 'raw', c.image.slice(1, -1));
        if (h.kind === 'float') set(h, 'raw', c.image);
        if (index.inMapKey.has(h)) recheckInit = true;
      }
    }
    try {
      if (recheckInit && initCheck(this.file.ast)) throw new Error('init');
      if (retype) this.compiled.typing = unify(this.compiled.scoped);
    } catch {
      // The new values do not type (or a map key repeats): a full compile says why, with the right spans.
      undo();
      return { kind: 'full', why: 'the new values need a full check' };
    }
    this.shift(index, changes);
    this.text = newText;
    this.compiled.sources.set(this.file.path, newText);
    return { kind: 'patched', literals: changes.length, retyped: retype };
  }

  /**
   * The literal tokens that differ between `old` and `next`, or why the edit
   * is more than that. Lexes only a window around the changed text.
   */
  private diff(old: string, next: string): LiteralChange[] | string {
    const max = Math.min(old.length, next.length);
    let p = 0;
    while (p < max && old.charCodeAt(p) === next.charCodeAt(p)) p++;
    let s = 0;
    while (s < max - p && old.charCodeAt(old.length - 1 - s) === next.charCodeAt(next.length - 1 - s)) s++;
    const oldEnd = old.length - s;
    const newEnd = next.length - s;
    if (lineCount(old, p, oldEnd) !== lineCount(next, p, newEnd)) return 'lines were added or removed';
    const n = this.starts.length;
    // The tokens touching the change, and one more on each side so that the
    // window starts and ends on tokens the edit cannot have merged or split.
    const lo = lowerBound(this.ends, p) - 1;
    const hi = lowerBound(this.starts, oldEnd + 1);
    if (lo < 0 || hi >= n) return 'the edit is at the edge of the file';
    const w0 = this.starts[lo];
    const w1 = this.ends[hi];
    if (w0 >= p || w1 <= oldEnd) return 'the edit is outside the tokens';
    const delta = next.length - old.length;
    const lexed = mclLexer.tokenize(next.slice(w0, w1 + delta));
    if (lexed.errors.length) return 'the new text does not lex';
    const toks = lexed.tokens;
    if (toks.length !== hi - lo + 1) return 'tokens were added or removed';
    const changes: LiteralChange[] = [];
    let shift = 0;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      const k = lo + i;
      if (t.tokenType !== this.types[k]) return 'a token changed kind';
      if (w0 + t.startOffset !== this.starts[k] + shift) return 'the text between tokens changed';
      const oldImage = old.slice(this.starts[k], this.ends[k]);
      if (t.image === oldImage) continue;
      if (!LITERALS.includes(t.tokenType)) return `a ${t.tokenType.name} token changed`;
      if (t.image.includes('\n') || oldImage.includes('\n')) return 'a multi-line string changed';
      const value = literalValue(t.tokenType, t.image);
      const oldValue = literalValue(t.tokenType, oldImage);
      if (value === undefined || oldValue === undefined) return 'the new literal needs the full compiler (an interpolation, a bad escape or a number out of range)';
      changes.push({ token: k, start: this.starts[k], end: this.ends[k], line: lineOf(old, this.starts[k]), image: t.image, value, oldValue });
      shift += t.image.length - oldImage.length;
    }
    if (shift !== delta) return 'the text between tokens changed';
    return changes;
  }

  /** Move every span and token after each change by the change's length difference. */
  private shift(index: Index, changes: LiteralChange[]): void {
    // Last change first, so earlier changes' offsets still hold.
    for (let c = changes.length - 1; c >= 0; c--) {
      const ch = changes[c];
      const d = ch.image.length - (ch.end - ch.start);
      if (d === 0) continue;
      for (const sp of index.spans) {
        if (sp.start >= ch.end) {
          sp.start += d;
          if (sp.line === ch.line) sp.col += d;
        }
        if (sp.end >= ch.end) {
          sp.end += d;
          if (sp.endLine === ch.line) sp.endCol += d;
        }
      }
    }
    const k = lowerBound(this.starts, changes[0].start);
    let acc = 0;
    let c = 0;
    for (let i = k; i < this.starts.length; i++) {
      while (c < changes.length && changes[c].start < this.starts[i]) acc += changes[c].image.length - (changes[c].end - changes[c].start), c++;
      const own = c < changes.length && changes[c].start === this.starts[i] ? changes[c].image.length - (changes[c].end - changes[c].start) : 0;
      this.starts[i] += acc;
      this.ends[i] += acc + own;
    }
  }

  /**
   * Every span and literal of the file. Later stages never make spans
   * (they share the tree's), so the tree has them all; the IR's literals are
   * the typed constants (only typed nodes are ever evaluated).
   */
  private getIndex(): Index {
    if (this.index) return this.index;
    const { typing } = this.compiled;
    const file = this.file.path;
    const spans: Span[] = [];
    const holders = new Map<number, Holder[]>();
    const add = (o: Holder) => {
      const k = lowerBound(this.starts, o.span.start);
      if (this.starts[k] !== o.span.start) return;
      const list = holders.get(k);
      if (list) list.push(o);
      else holders.set(k, [o]);
    };
    const maps: unknown[] = [];
    walk([this.file.ast], new Set(), (o) => {
      if (isSpan(o)) {
        if (o.file === file) spans.push(o);
        return;
      }
      const span = o.span as Span | undefined;
      if (!span || span.file !== file) return;
      if (o.kind === 'str' || o.kind === 'int' || o.kind === 'float' || o.kind === 'bool') add(o as Holder);
      else if (o.kind === 'map' && Array.isArray(o.entries)) for (const en of o.entries as { key: unknown }[]) maps.push(en.key);
    });
    for (const node of typing.types.keys()) if (node.k === 'const' && node.span.file === file) add(node as unknown as Holder);
    const inMapKey = new Set<object>();
    walk(maps, new Set(), (o) => inMapKey.add(o));
    this.index = { spans, holders, inMapKey };
    return this.index;
  }
}

/** Does this node hold the literal as it was before the change? */
function holdsOld(h: Holder, c: LiteralChange): boolean {
  return valueEqual(h.value as Value, c.oldValue);
}

/** The value of a literal token, or undefined when only the full compiler can say (interpolation, errors). */
function literalValue(type: TokenType, image: string): Value | undefined {
  switch (type) {
    case StringLit: {
      const r = scanString(image.slice(1, -1));
      if (!r.ok || !r.parts.every((x) => typeof x === 'string')) return undefined;
      return r.parts.join('');
    }
    case IntegerLit: {
      // Long literals may overflow: the parser reports that, so let it.
      return image.length > 18 ? undefined : BigInt(image);
    }
    case FloatLit:
      return image.length > 300 ? undefined : Number(image);
    case Bool:
      return image === 'true';
  }
  return undefined;
}

/** First index whose value is ≥ x in a sorted array. */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lineCount(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function lineOf(text: string, offset: number): number {
  return lineCount(text, 0, offset) + 1;
}
