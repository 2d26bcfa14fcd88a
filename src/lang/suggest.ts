// Errors in words a person reads: grammar token names become the text they
// stand for, and where the intent is clear a `help:` says what to write
// (a misspelt field or kind, a missing import, `=` for `=>`, Puppet's `~>`,
// lower-case kinds in an edge, a missing comma or brace). The error's own
// text (upstream's, compared by the conformance cases) is left as it is.

import type { TokenType } from 'chevrotain';
import type { LangError } from './errors.js';
import * as lexer from './lexer.js';
import type { Registry } from './funcs/registry.js';
import { KINDS } from '../resources/index.js';

export interface Explained {
  /** The message without grammar-internal names. */
  message: string;
  /** What to write instead, when the intent is clear. */
  help?: string;
}

const WORDS: Record<string, string> = {
  IDENTIFIER: 'a name',
  CAPITALIZED_IDENTIFIER: 'a capitalised name',
  STRING: 'a string',
  INTEGER: 'an integer',
  FLOAT: 'a float',
  BOOL: '`true` or `false`',
  NEWLINE: 'end of line',
  $end: 'end of file',
  VAR_IDENTIFIER: 'a variable',
  VAR_IDENTIFIER_HX: 'a variable',
};

/** Token name → how a person writes it: `ROCKET` → `` `=>` ``. */
const TOKENS: Map<string, string> = (() => {
  const m = new Map<string, string>(Object.entries(WORDS));
  for (const t of Object.values(lexer) as unknown[]) {
    const tt = t as TokenType;
    if (!tt || typeof tt !== 'object' || typeof tt.name !== 'string' || m.has(tt.name)) continue;
    if (typeof tt.PATTERN === 'string') m.set(tt.name, `\`${tt.PATTERN}\``);
  }
  return m;
})();

/** Replace every grammar token name in a message by what it stands for. */
export function humanize(detail: string): string {
  const inner = /^parser: `(.*)`$/s.exec(detail)?.[1] ?? detail;
  return inner.replace(/\$end|\b[A-Z][A-Z_]+[A-Z]\b/g, (w) => TOKENS.get(w) ?? w).replace(/\bunexpected an? /g, 'unexpected ');
}

/** Edit distance (insert, delete, replace, swap neighbours); `max` only short-cuts very different lengths. */
export function distance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let pprev = prev;
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      // A swap of two neighbours (`fiel` for `file`) is one slip, not two.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], pprev[j - 2] + 1);
    }
    pprev = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** The candidate closest to `word`, if it is close enough to be a slip of the keyboard. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const max = Math.max(1, Math.floor(word.length / 3));
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase(), max);
    if (d <= max && (!best || d < best.d)) best = { c, d };
  }
  return best?.c;
}

const capital = (kind: string) => kind.split(':').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join(':');

/** The message in plain words, and a suggestion. `line` is the source line the error points at. */
export function explain(err: LangError, line: string | undefined, registry?: Registry, text?: string): Explained {
  const d = err.detail;
  const message = humanize(d);
  const help = suggest(err, d, line ?? '', registry, text ?? '');
  return help ? { message, help } : { message };
}

function suggest(err: LangError, d: string, line: string, registry: Registry | undefined, text: string): string | undefined {
  let m: RegExpExecArray | null;
  if (err.stage === 'errLexParse') {
    const edge = /^\s*([a-z][\w:]*)\[.*\]\s*->/.exec(line);
    if (edge) {
      const fixed = line.trim().replace(/(^|->\s*)([a-z][\w:]*)\[/g, (_, pre: string, k: string) => `${pre}${capital(k)}[`);
      return `kinds in an edge are capitalised: \`${fixed}\``;
    }
    if (/unrecognized: `~`/.test(d) && line.includes('~>')) {
      return 'mcl has no `~>`: write `A -> B` for the order and `Notify => Kind["name"],` inside A\'s body for a refresh notification';
    }
    if (/unexpected (EQUALS|COLON), expecting ROCKET/.test(d)) return 'a resource field is set with `=>`: `name => value,`';
    if (/unrecognized: `'`/.test(d)) return 'strings are written in double quotes: `"text"`';
    if (/^\s*[A-Z][\w:]*\s+"/.test(line)) return 'a resource is declared with its kind in lower case (`file "name" {`); the capitalised `File["name"]` refers to one in an edge';
    if (/^\s*[a-z][\w:]*\s+[^"\s{$[]/.test(line) && /\{\s*$/.test(line)) return 'a resource name is a string: `kind "name" {`';
    if (/\$\w+-\w/.test(line)) return 'names are written with `_`, not `-`: `$my_var`';
    if (/unexpected \$end/.test(d) && /CLOSE_CURLY/.test(d)) return 'a `{` is not closed: add the `}` that ends it';
    if (/unexpected NEWLINE/.test(d) && /=>/.test(line) && !/[,{([]\s*(#.*)?$/.test(line)) return 'end each field with a comma: `name => value,`';
    return undefined;
  }
  if ((m = /field `ensure` does not exist in `([\w:]+)` resource/.exec(d)) && KINDS.get(m[1])?.params.some((p) => p.name === 'state')) {
    return 'mcl has no Puppet `ensure`: use `state => "exists"` (or `"absent"`)';
  }
  if ((m = /field `([\w-]+)` does not exist in `([\w:]+)` resource/.exec(d))) {
    const kind = KINDS.get(m[2]);
    const near = kind && nearest(m[1], kind.params.map((p) => p.name));
    return near ? `did you mean \`${near}\`?` : undefined;
  }
  if (err.stage === 'errUnify' && /^type error: str != int/.test(d) && (m = /=>\s*(-?\d+)\s*,?\s*$/.exec(line))) {
    return `this field is a string: quote the number (\`"${m[1]}"\`)`;
  }
  if ((m = /var `\$([\w.]+)` does not exist in this scope/.exec(d))) {
    const near = nearest(m[1], [...text.matchAll(/\$(\w+)\s*=[^=>]/g)].map((x) => x[1]));
    return near ? `did you mean \`$${near}\`?` : undefined;
  }
  if ((m = /system import of `([\w/]+)` failed/.exec(d)) && registry) {
    const near = nearest(m[1], registry.allModules().map((x) => x.path).filter((p) => p !== ''));
    return near ? `did you mean \`import "${near}"\`?` : undefined;
  }
  if ((m = /no resource kind `([\w:]+)` available/.exec(d))) {
    const near = nearest(m[1], KINDS.keys());
    return near ? `did you mean \`${near}\`?` : undefined;
  }
  if ((m = /func `([\w]+)\.([\w]+)` does not exist in this scope/.exec(d)) && registry) {
    const alias = m[1];
    const mod = registry.allModules().find((x) => x.path.split('/').pop() === alias && x.funcs.some((f) => f.name === m![2]));
    if (mod) return `\`${alias}.${m[2]}\` is in the \`${mod.path}\` module: add \`import "${mod.path}"\` at the top of the file`;
    return undefined;
  }
  if ((m = /func `(\w+)` does not exist in this scope/.exec(d)) && registry) {
    const near = nearest(m[1], (registry.module('')?.funcs ?? []).map((f) => f.name));
    return near ? `did you mean \`${near}\`?` : undefined;
  }
  if ((m = /did not Validate: (\w+) "([^"]*)" is not one of (.*)$/.exec(d))) {
    const allowed = m[3].split(', ');
    if (m[2] === 'present' && allowed.includes('exists')) return 'did you mean `exists`? (Puppet\'s `present` is `exists` in mcl)';
    const near = nearest(m[2], allowed);
    return near ? `did you mean \`${near}\`?` : undefined;
  }
  return undefined;
}
