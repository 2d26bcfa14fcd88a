// Where things are in a YAML graph file: the `yaml` library keeps each node's
// offsets; this turns a path of keys and indexes (`resources.file[0].mode`)
// into a Span of the offending key or value, so that YAML errors are placed
// and rendered like mcl's (file:line:col and a caret).

import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import { LangError } from '../lang/errors.js';
import type { Span } from '../lang/errors.js';

export type YamlPath = (string | number)[];

export class YamlPlaces {
  private readonly lines = new LineCounter();
  readonly doc: Document;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false });
  }

  /** The first syntax error, placed; undefined when the text is YAML. */
  syntaxError(): LangError | undefined {
    const e = this.doc.errors[0];
    if (!e) return undefined;
    // The library's message ends with its own "at line N, column M:" and an excerpt: the span says that.
    const msg = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
    // Something left open is found at the end of the text: show the last line that has anything on it.
    const last = this.text.trimEnd().length;
    if (e.pos[0] >= last && last > 0) return new LangError('errLexParse', `YAML syntax error: ${msg}`, this.span(last - 1, last));
    return new LangError('errLexParse', `YAML syntax error: ${msg}`, this.span(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)));
  }

  /** The span of offsets [start, end) (clamped to the text). */
  span(start: number, end: number): Span {
    const s = Math.min(start, this.text.length);
    const e = Math.max(s, Math.min(end, this.text.length));
    const a = this.lines.linePos(s);
    const b = this.lines.linePos(e);
    return { file: this.file, line: a.line, col: a.col, endLine: b.line, endCol: b.col, start: s, end: e };
  }

  /**
   * The span of the node at `path`: its value, the key that names it, or the
   * whole `key: value` pair (for a missing entry, the nearest enclosing node).
   */
  at(path: YamlPath, part: 'value' | 'key' | 'pair' = 'value'): Span | undefined {
    let node: unknown = this.doc.contents;
    let pair: Pair | undefined;
    for (const step of path) {
      const next = child(node, step);
      if (!next) break;
      [node, pair] = next;
    }
    const keyNode = part !== 'value' && pair?.key ? (pair.key as Node) : undefined;
    const target = (part === 'key' && keyNode) || node;
    const range = (target as Node | null)?.range;
    if (!range) return undefined;
    const start = part === 'pair' && keyNode?.range ? keyNode.range[0] : range[0];
    // A mapping or list spans to where the next one starts: its first line is enough.
    let end = range[1];
    if (!isScalar(target)) {
      const nl = this.text.indexOf('\n', start);
      if (nl >= 0 && nl < end) end = nl;
    }
    return this.span(start, end);
  }

  /** `file:line:col` of a path, for warnings. */
  where(path: YamlPath, part: 'value' | 'key' = 'value'): string {
    const s = this.at(path, part);
    return s ? `${this.file}:${s.line}:${s.col}` : this.file;
  }
}

function child(node: unknown, step: string | number): [unknown, Pair | undefined] | undefined {
  if (isMap(node)) {
    const p = node.items.find((it) => isPair(it) && String(isScalar(it.key) ? it.key.value : it.key) === String(step));
    return p ? [p.value, p] : undefined;
  }
  if (isSeq(node) && typeof step === 'number') {
    const v = node.items[step];
    return v ? [v, undefined] : undefined;
  }
  return undefined;
}
