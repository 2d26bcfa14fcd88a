// golang/strconv: Go's strconv package (table of wrappers, see table.ts).
// Functions on runes, bytes (as a single byte) or uint64 are not expressible.

import { goQuote } from '../../../types/value.js';
import type { Value } from '../../../types/value.js';
import { goModule, goPanic } from './table.js';
import type { GoFunc } from './table.js';
import { canBackquote, parseFloat, parseInt, quotedPrefix, quoteWith, unquote } from './go-strconv.js';

const S = (v: Value): string => v as string;
const I = (v: Value): number => Number(v as bigint);

function formatInt(i: bigint, base: number): string {
  if (base < 2 || base > 36) goPanic('strconv: illegal AppendInt/FormatInt base');
  return i.toString(base);
}

function parseBool(s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw new Error(`strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax`);
}

export const funcs: GoFunc[] = [
  { go: 'AppendBool', sig: 'func(dst str, b bool) str', fn: ([d, b]) => S(d) + String(b) },
  { go: 'AppendInt', sig: 'func(dst str, i int, base int) str', fn: ([d, i, b]) => S(d) + formatInt(i as bigint, I(b)) },
  { go: 'AppendQuote', sig: 'func(dst str, s str) str', fn: ([d, s]) => S(d) + goQuote(S(s)) },
  { go: 'AppendQuoteToASCII', sig: 'func(dst str, s str) str', fn: ([d, s]) => S(d) + quoteWith(S(s), 'ascii') },
  { go: 'AppendQuoteToGraphic', sig: 'func(dst str, s str) str', fn: ([d, s]) => S(d) + quoteWith(S(s), 'graphic') },
  { go: 'Atoi', sig: 'func(s str) int', fn: ([s]) => parseInt(S(s), 10, 0, 'Atoi') },
  { go: 'CanBackquote', sig: 'func(s str) bool', fn: ([s]) => canBackquote(S(s)) },
  { go: 'FormatBool', sig: 'func(b bool) str', fn: ([b]) => String(b) },
  { go: 'FormatInt', sig: 'func(i int, base int) str', fn: ([i, b]) => formatInt(i as bigint, I(b)) },
  { go: 'Itoa', sig: 'func(i int) str', fn: ([i]) => (i as bigint).toString() },
  { go: 'ParseBool', sig: 'func(s str) bool', fn: ([s]) => parseBool(S(s)) },
  { go: 'ParseFloat', sig: 'func(s str, bitsize int) float', fn: ([s, b]) => parseFloat(S(s), I(b)) },
  { go: 'ParseInt', sig: 'func(s str, base int, bitsize int) int', fn: ([s, b, z]) => parseInt(S(s), I(b), I(z)) },
  { go: 'Quote', sig: 'func(s str) str', fn: ([s]) => goQuote(S(s)) },
  { go: 'QuoteToASCII', sig: 'func(s str) str', fn: ([s]) => quoteWith(S(s), 'ascii') },
  { go: 'QuoteToGraphic', sig: 'func(s str) str', fn: ([s]) => quoteWith(S(s), 'graphic') },
  { go: 'QuotedPrefix', sig: 'func(s str) str', fn: ([s]) => quotedPrefix(S(s)) },
  { go: 'Unquote', sig: 'func(s str) str', fn: ([s]) => unquote(S(s)) },
];

export const module = goModule('strconv', funcs);
