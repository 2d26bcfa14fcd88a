// Go maps case one code point at a time (unicode.ToUpper), so 'ß' stays 'ß'
// where JS would expand it to 'SS'.

export function mapCase(s: string, upper: boolean): string {
  let out = '';
  for (const c of s) {
    const m = upper ? c.toUpperCase() : c.toLowerCase();
    out += [...m].length === 1 ? m : c;
  }
  return out;
}
