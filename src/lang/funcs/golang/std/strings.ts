// golang/strings: Go's strings package (table of wrappers, see table.ts).
// Functions returning lists (Split, Fields …) or taking runes/funcs are not
// expressible and so absent, as upstream. Indexes are byte offsets, as in Go.

import { compareBytes } from '../../../types/value.js';
import type { Value } from '../../../types/value.js';
import { goModule, goPanic } from './table.js';
import type { GoFunc } from './table.js';
import { byteOffset, foldEqual, isGoSpace, mapRune, mapRunes, runeCount } from './go-text.js';

const S = (v: Value): string => v as string;
const I = (v: Value): number => Number(v as bigint);

function count(s: string, sub: string): number {
  if (sub === '') return runeCount(s) + 1;
  let n = 0;
  for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

function indexAny(s: string, chars: string, last: boolean): number {
  const set = new Set(chars);
  let found = -1;
  let units = 0;
  for (const c of s) {
    if (set.has(c)) {
      found = units;
      if (!last) break;
    }
    units += c.length;
  }
  return byteOffset(s, found);
}

function replace(s: string, old: string, rep: string, n: number): string {
  if (old === rep || n === 0) return s;
  const m = count(s, old);
  if (m === 0) return s;
  const times = n < 0 || m < n ? m : n;
  if (old === '') {
    // An empty `old` matches at the start and after each rune.
    const runes = [...s];
    let out = '';
    for (let i = 0; i < runes.length + 1; i++) {
      if (i < times) out += rep;
      if (i < runes.length) out += runes[i];
    }
    return out;
  }
  let out = '';
  let start = 0;
  for (let i = 0; i < times; i++) {
    const j = s.indexOf(old, start);
    out += s.slice(start, j) + rep;
    start = j + old.length;
  }
  return out + s.slice(start);
}

/** strings.Title's word boundary test. */
function isSeparator(c: string): boolean {
  if (c.codePointAt(0)! <= 0x7f) return !/[0-9a-zA-Z_]/.test(c);
  if (/[\p{L}\p{Nd}]/u.test(c)) return false;
  return isGoSpace(c);
}

function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += isSeparator(prev) ? mapRune(c, true) : c;
    prev = c;
  }
  return out;
}

function trimLeft(s: string, cut: (c: string) => boolean): string {
  const r = [...s];
  let i = 0;
  while (i < r.length && cut(r[i])) i++;
  return r.slice(i).join('');
}

function trimRight(s: string, cut: (c: string) => boolean): string {
  const r = [...s];
  let j = r.length;
  while (j > 0 && cut(r[j - 1])) j--;
  return r.slice(0, j).join('');
}

const inSet = (cutset: string) => {
  const set = new Set(cutset);
  return (c: string): boolean => set.has(c);
};

function equalFold(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  return x.length === y.length && x.every((c, i) => foldEqual(c, y[i]));
}

function repeat(s: string, n: number): string {
  if (n < 0) goPanic('strings: negative Repeat count');
  if (Buffer.byteLength(s) * n > 1 << 29) goPanic('strings: Repeat output length overflow');
  return s.repeat(n);
}

/** Replaces each run of invalid UTF-16 (lone surrogates: invalid UTF-8 in Go) with `rep`. */
function toValidUTF8(s: string, rep: string): string {
  return s.replace(/(?:[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])+/g, rep);
}

export const funcs: GoFunc[] = [
  { go: 'Clone', sig: 'func(s str) str', fn: ([s]) => S(s) },
  { go: 'Compare', sig: 'func(a str, b str) int', fn: ([a, b]) => BigInt(Math.sign(compareBytes(S(a), S(b)))) },
  { go: 'Contains', sig: 'func(s str, substr str) bool', fn: ([s, sub]) => S(s).includes(S(sub)) },
  { go: 'ContainsAny', sig: 'func(s str, chars str) bool', fn: ([s, c]) => indexAny(S(s), S(c), false) >= 0 },
  { go: 'Count', sig: 'func(s str, substr str) int', fn: ([s, sub]) => BigInt(count(S(s), S(sub))) },
  { go: 'EqualFold', sig: 'func(s str, t str) bool', fn: ([s, t]) => equalFold(S(s), S(t)) },
  { go: 'HasPrefix', sig: 'func(s str, prefix str) bool', fn: ([s, p]) => S(s).startsWith(S(p)) },
  { go: 'HasSuffix', sig: 'func(s str, suffix str) bool', fn: ([s, p]) => S(s).endsWith(S(p)) },
  { go: 'Index', sig: 'func(s str, substr str) int', fn: ([s, sub]) => BigInt(byteOffset(S(s), S(s).indexOf(S(sub)))) },
  { go: 'IndexAny', sig: 'func(s str, chars str) int', fn: ([s, c]) => BigInt(indexAny(S(s), S(c), false)) },
  { go: 'Join', sig: 'func(elems []str, sep str) str', fn: ([e, sep]) => (e as string[]).join(S(sep)) },
  { go: 'LastIndex', sig: 'func(s str, substr str) int', fn: ([s, sub]) => BigInt(byteOffset(S(s), S(s).lastIndexOf(S(sub)))) },
  { go: 'LastIndexAny', sig: 'func(s str, chars str) int', fn: ([s, c]) => BigInt(indexAny(S(s), S(c), true)) },
  { go: 'Repeat', sig: 'func(s str, count int) str', fn: ([s, n]) => repeat(S(s), I(n)) },
  { go: 'Replace', sig: 'func(s str, old str, new str, n int) str', fn: ([s, o, r, n]) => replace(S(s), S(o), S(r), I(n)) },
  { go: 'ReplaceAll', sig: 'func(s str, old str, new str) str', fn: ([s, o, r]) => replace(S(s), S(o), S(r), -1) },
  { go: 'Title', sig: 'func(s str) str', fn: ([s]) => title(S(s)) },
  { go: 'ToLower', sig: 'func(s str) str', fn: ([s]) => mapRunes(S(s), false) },
  { go: 'ToTitle', sig: 'func(s str) str', fn: ([s]) => mapRunes(S(s), true) },
  { go: 'ToUpper', sig: 'func(s str) str', fn: ([s]) => mapRunes(S(s), true) },
  { go: 'ToValidUTF8', sig: 'func(s str, replacement str) str', fn: ([s, r]) => toValidUTF8(S(s), S(r)) },
  { go: 'Trim', sig: 'func(s str, cutset str) str', fn: ([s, c]) => trimRight(trimLeft(S(s), inSet(S(c))), inSet(S(c))) },
  { go: 'TrimLeft', sig: 'func(s str, cutset str) str', fn: ([s, c]) => trimLeft(S(s), inSet(S(c))) },
  { go: 'TrimPrefix', sig: 'func(s str, prefix str) str', fn: ([s, p]) => (S(s).startsWith(S(p)) ? S(s).slice(S(p).length) : S(s)) },
  { go: 'TrimRight', sig: 'func(s str, cutset str) str', fn: ([s, c]) => trimRight(S(s), inSet(S(c))) },
  { go: 'TrimSpace', sig: 'func(s str) str', fn: ([s]) => trimRight(trimLeft(S(s), isGoSpace), isGoSpace) },
  {
    go: 'TrimSuffix',
    sig: 'func(s str, suffix str) str',
    fn: ([s, p]) => (S(p) !== '' && S(s).endsWith(S(p)) ? S(s).slice(0, S(s).length - S(p).length) : S(s)),
  },
];

export const module = goModule('strings', funcs);
