// Go's strconv.Unquote / UnquoteChar for template string, raw string and
// character literals. Failures throw the Go error text (`invalid syntax`).

export class SyntaxErr extends Error {
  constructor() {
    super('invalid syntax');
  }
}

const SIMPLE: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

/**
 * Read one (possibly escaped) character of a `quote`-delimited literal at `i`.
 * Returns either a code point or a raw byte (from `\x` and octal escapes).
 */
function unquoteChar(s: string, i: number, quote: string): { cp?: number; byte?: number; next: number } {
  const c = s.codePointAt(i);
  if (c === undefined) throw new SyntaxErr();
  const ch = String.fromCodePoint(c);
  if (ch === quote && (quote === "'" || quote === '"')) throw new SyntaxErr();
  if (ch !== '\\') return { cp: c, next: i + ch.length };
  const e = s[i + 1];
  if (e === undefined) throw new SyntaxErr();
  if (e in SIMPLE) return { cp: SIMPLE[e], next: i + 2 };
  if (e === "'" || e === '"') {
    if (e !== quote) throw new SyntaxErr();
    return { cp: e.charCodeAt(0), next: i + 2 };
  }
  const hexRun = (n: number): number => {
    const h = s.slice(i + 2, i + 2 + n);
    if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) throw new SyntaxErr();
    return parseInt(h, 16);
  };
  switch (e) {
    case 'x': {
      const v = hexRun(2);
      return quote === "'" ? { cp: v, next: i + 4 } : { byte: v, next: i + 4 };
    }
    case 'u': {
      const v = hexRun(4);
      if (v >= 0xd800 && v < 0xe000) throw new SyntaxErr();
      return { cp: v, next: i + 6 };
    }
    case 'U': {
      const v = hexRun(8);
      if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) throw new SyntaxErr();
      return { cp: v, next: i + 10 };
    }
  }
  if (e >= '0' && e <= '7') {
    const o = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(o)) throw new SyntaxErr();
    const v = parseInt(o, 8);
    if (v > 255) throw new SyntaxErr();
    return quote === "'" ? { cp: v, next: i + 4 } : { byte: v, next: i + 4 };
  }
  throw new SyntaxErr();
}

/** strconv.Unquote for `"..."` and `` `...` `` literals. */
export function unquote(lit: string): string {
  if (lit.length < 2) throw new SyntaxErr();
  const q = lit[0];
  if (q !== lit[lit.length - 1]) throw new SyntaxErr();
  const body = lit.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new SyntaxErr();
    return body.replace(/\r/g, '');
  }
  if (q !== '"') throw new SyntaxErr();
  if (body.includes('\n')) throw new SyntaxErr();
  const bytes: number[] = [];
  for (let i = 0; i < body.length; ) {
    const r = unquoteChar(body, i, '"');
    if (r.byte !== undefined) bytes.push(r.byte);
    else for (const b of Buffer.from(String.fromCodePoint(r.cp!), 'utf8')) bytes.push(b);
    i = r.next;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The rune value of a `'x'` literal, or an error text. */
export function unquoteRune(lit: string): number {
  const r = unquoteChar(lit, 1, "'");
  if (lit.slice(r.next) !== "'") throw new Error(`malformed character constant: ${lit}`);
  return r.cp ?? r.byte!;
}
