// Go's notion of characters for the strings wrappers: unicode.IsSpace,
// per-rune simple case mapping, and byte offsets (Go indexes strings by byte).

/** unicode.IsSpace. JS `\s` differs: it includes U+FEFF and lacks U+0085. */
export function isGoSpace(c: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u.test(c);
}

/** unicode.ToUpper / ToLower: one rune to one rune, never 'ß' → 'SS'. */
export function mapRune(c: string, upper: boolean): string {
  const m = upper ? c.toUpperCase() : c.toLowerCase();
  if ([...m].length === 1) return m;
  if (!upper && c === '\u0130') return 'i';
  return c;
}

export function mapRunes(s: string, upper: boolean): string {
  let out = '';
  for (const c of s) out += mapRune(c, upper);
  return out;
}

/** The UTF-8 byte length of the first `units` UTF-16 units of s. */
export function byteOffset(s: string, units: number): number {
  return units < 0 ? units : Buffer.byteLength(s.slice(0, units), 'utf8');
}

export function runeCount(s: string): number {
  return [...s].length;
}

/** Whether two runes are equal under Unicode simple case folding. */
export function foldEqual(a: string, b: string): boolean {
  return a === b || mapRune(a, false) === mapRune(b, false) || mapRune(a, true) === mapRune(b, true);
}
