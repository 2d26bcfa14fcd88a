// golang/html: Go's html.EscapeString and UnescapeString (table of wrappers,
// see table.ts). Unescaping knows numeric references and the named entities
// in NAMED below (the markup characters, Latin-1 and common typography), not
// all 2,231 of HTML5: an unknown name is left as written, as Go leaves
// unknown ones.

import type { Value } from '../../../types/value.js';
import { goModule } from './table.js';
import type { GoFunc } from './table.js';

export function escapeString(s: string): string {
  return s.replace(/[&'<>"]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;' })[c]!);
}

// Latin-1 names (U+00A0 … U+00FF, in order), which HTML also accepts without `;`.
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

const LEGACY = new Map<string, string>([
  ['amp', '&'], ['AMP', '&'], ['lt', '<'], ['LT', '<'], ['gt', '>'], ['GT', '>'], ['quot', '"'], ['QUOT', '"'],
  ...LATIN1.split(' ').map((n, i): [string, string] => [n, String.fromCodePoint(0xa0 + i)]),
]);

const NAMED = new Map<string, string>([
  ...LEGACY,
  ['apos', "'"], ['OElig', '\u0152'], ['oelig', '\u0153'], ['Scaron', '\u0160'], ['scaron', '\u0161'], ['Yuml', '\u0178'],
  ['fnof', '\u0192'], ['circ', '\u02c6'], ['tilde', '\u02dc'], ['ensp', '\u2002'], ['emsp', '\u2003'], ['thinsp', '\u2009'],
  ['zwnj', '\u200c'], ['zwj', '\u200d'], ['lrm', '\u200e'], ['rlm', '\u200f'], ['ndash', '\u2013'], ['mdash', '\u2014'],
  ['lsquo', '\u2018'], ['rsquo', '\u2019'], ['sbquo', '\u201a'], ['ldquo', '\u201c'], ['rdquo', '\u201d'], ['bdquo', '\u201e'],
  ['dagger', '\u2020'], ['Dagger', '\u2021'], ['bull', '\u2022'], ['hellip', '\u2026'], ['permil', '\u2030'], ['prime', '\u2032'],
  ['Prime', '\u2033'], ['lsaquo', '\u2039'], ['rsaquo', '\u203a'], ['euro', '\u20ac'], ['trade', '\u2122'], ['larr', '\u2190'],
  ['uarr', '\u2191'], ['rarr', '\u2192'], ['darr', '\u2193'], ['harr', '\u2194'], ['minus', '\u2212'], ['infin', '\u221e'],
  ['ne', '\u2260'], ['le', '\u2264'], ['ge', '\u2265'], ['hearts', '\u2665'], ['tab', '\t'], ['newline', '\n'],
]);

// Numeric references to C1 controls mean Windows-1252 characters (HTML5).
const C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function numeric(digits: string, hex: boolean): string {
  let x = digits === '' ? 0 : Number.parseInt(digits, hex ? 16 : 10);
  if (x >= 0x80 && x <= 0x9f) x = C1[x - 0x80];
  else if (x === 0 || (x >= 0xd800 && x <= 0xdfff) || x > 0x10ffff || !Number.isFinite(x)) x = 0xfffd;
  return String.fromCodePoint(x);
}

export function unescapeString(s: string): string {
  return s.replace(/&(#[xX]([0-9a-fA-F]+);?|#([0-9]+);?|([A-Za-z][A-Za-z0-9]*)(;?))/g, (all, _n, hex, dec, name, semi) => {
    if (hex !== undefined) return numeric(hex, true);
    if (dec !== undefined) return numeric(dec, false);
    if (semi === ';' && NAMED.has(name)) return NAMED.get(name)!;
    // Without `;` only a legacy name counts, and the longest one that is a prefix.
    for (let i = name.length; i > 0; i--) {
      const v = LEGACY.get(name.slice(0, i));
      if (v !== undefined) return v + all.slice(1 + i);
    }
    return all;
  });
}

export const funcs: GoFunc[] = [
  { go: 'EscapeString', sig: 'func(s str) str', fn: ([s]: Value[]) => escapeString(s as string) },
  { go: 'UnescapeString', sig: 'func(s str) str', fn: ([s]: Value[]) => unescapeString(s as string) },
];

export const module = goModule('html', funcs);
