// Translate RE2 syntax (Go's regexp) into an equivalent JS RegExp with the `v`
// flag. RE2 differs from JS in ways that change results: `.` and `^`/`$` have
// their own newline rules, `\s` is ASCII only, flags can be set mid-pattern
// (`(?i)`, `(?s:…)`), `\A`/`\z`/`\Q…\E`/`[[:alpha:]]` exist, and backreferences
// and lookaround do not. Every literal is emitted as `\u{…}` so JS's stricter
// escaping rules never bite.

export class Re2Error extends Error {}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

const ASCII_SPACE = '\\t\\n\\f\\r\\u{20}';
const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\u{0}-\\u{7f}',
  blank: '\\t\\u{20}',
  cntrl: '\\u{0}-\\u{1f}\\u{7f}',
  digit: '0-9',
  graph: '\\u{21}-\\u{7e}',
  lower: 'a-z',
  print: '\\u{20}-\\u{7e}',
  punct: '\\u{21}-\\u{2f}\\u{3a}-\\u{40}\\u{5b}-\\u{60}\\u{7b}-\\u{7e}',
  space: '\\t\\n\\v\\f\\r\\u{20}',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};
const CATEGORIES = new Set(
  'L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Cs Co Cn Any'.split(' '),
);

const lit = (cp: number): string => (/[0-9A-Za-z]/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : `\\u{${cp.toString(16)}}`);

/** A letter under `(?i)` matches both cases; other characters only themselves. */
function foldedChars(cp: number): number[] {
  const c = String.fromCodePoint(cp);
  const out = new Set([cp]);
  for (const v of [c.toLowerCase(), c.toUpperCase()]) if ([...v].length === 1) out.add(v.codePointAt(0)!);
  return [...out];
}

export interface Translated {
  source: string;
  flags: string;
}

export function translateRe2(pattern: string): Translated {
  const cps = [...pattern].map((c) => c.codePointAt(0)!);
  const ch = (k: number): string => (k < cps.length ? String.fromCodePoint(cps[k]) : '');
  const rest = (): string => String.fromCodePoint(...cps.slice(pos));
  let pos = 0;
  let out = '';
  let flags: Flags = { i: false, m: false, s: false, U: false };
  const stack: Flags[] = [];
  let canRepeat = false;
  let lastWasRepeat = false;

  const fail = (msg: string, what: string): never => {
    throw new Re2Error(`error parsing regexp: ${msg}: \`${what}\``);
  };

  /** A literal code point, honouring a case-insensitive scope. */
  const literal = (cp: number): string => {
    const all = flags.i ? foldedChars(cp) : [cp];
    return all.length === 1 ? lit(cp) : `[${all.map(lit).join('')}]`;
  };

  /** Parse `\p{Name}`, `\pL`, `\P…`, `\p{^…}` after the `\p`/`\P` at pos; returns the JS escape. */
  const unicodeClass = (): string => {
    let neg = ch(pos) === 'P';
    pos++;
    let name: string;
    if (ch(pos) === '{') {
      const end = cps.indexOf('}'.codePointAt(0)!, pos);
      if (end < 0) fail('invalid character class range', String.fromCodePoint(...cps.slice(pos - 2)));
      name = String.fromCodePoint(...cps.slice(pos + 1, end));
      pos = end + 1;
    } else {
      name = ch(pos);
      pos++;
    }
    if (name.startsWith('^')) {
      neg = !neg;
      name = name.slice(1);
    }
    const body = CATEGORIES.has(name) ? name : `Script=${name}`;
    try {
      new RegExp(`\\p{${body}}`, 'v');
    } catch {
      fail('invalid character class range', `\\p{${name}}`);
    }
    return `\\${neg ? 'P' : 'p'}{${body}}`;
  };

  /** An escape after `\` (pos at the char after `\`). `inClass` limits it to what classes allow. */
  const escape = (inClass: boolean): { text: string; cp?: number } => {
    const c = ch(pos);
    if (c === '') fail('trailing backslash at end of expression', '');
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        pos++;
        return { text: `\\${c}` };
      case 's':
        pos++;
        return { text: `[${ASCII_SPACE}]` };
      case 'S':
        pos++;
        return { text: `[^${ASCII_SPACE}]` };
      case 'p':
      case 'P':
        return { text: unicodeClass() };
      case 'a':
        pos++;
        return { text: lit(7), cp: 7 };
      case 'f':
        pos++;
        return { text: lit(12), cp: 12 };
      case 't':
        pos++;
        return { text: lit(9), cp: 9 };
      case 'n':
        pos++;
        return { text: lit(10), cp: 10 };
      case 'r':
        pos++;
        return { text: lit(13), cp: 13 };
      case 'v':
        pos++;
        return { text: lit(11), cp: 11 };
      case 'x': {
        pos++;
        let hex: string;
        if (ch(pos) === '{') {
          const end = cps.indexOf('}'.codePointAt(0)!, pos);
          hex = end < 0 ? '' : String.fromCodePoint(...cps.slice(pos + 1, end));
          pos = end + 1;
        } else {
          hex = ch(pos) + ch(pos + 1);
          pos += 2;
        }
        if (!/^[0-9a-fA-F]{1,8}$/.test(hex) || parseInt(hex, 16) > 0x10ffff) fail('invalid escape sequence', `\\x${hex}`);
        const cp = parseInt(hex, 16);
        return { text: lit(cp), cp };
      }
    }
    if (/[0-7]/.test(c)) {
      // Go: a lone \1-\7 would be a backreference (unsupported); \0 or more digits is octal.
      if (c !== '0' && !/[0-7]/.test(ch(pos + 1))) fail('invalid escape sequence', `\\${c}`);
      let digits = '';
      while (digits.length < 3 && /[0-7]/.test(ch(pos))) digits += ch(pos++);
      const cp = parseInt(digits, 8);
      return { text: lit(cp), cp };
    }
    if (!inClass) {
      if (c === 'A') {
        pos++;
        return { text: '(?<![^])' };
      }
      if (c === 'z') {
        pos++;
        return { text: '(?![^])' };
      }
      if (c === 'b' || c === 'B') {
        pos++;
        return { text: `\\${c}` };
      }
    }
    const cp = cps[pos];
    if (cp < 0x80 && !/[0-9A-Za-z_]/.test(c)) {
      pos++;
      return { text: lit(cp), cp };
    }
    return fail('invalid escape sequence', `\\${c}`);
  };

  /** A bracketed class, pos just past `[`. */
  const charClass = (): string => {
    const start = pos - 1;
    let neg = false;
    if (ch(pos) === '^') {
      neg = true;
      pos++;
    }
    const items: string[] = [];
    let first = true;
    for (;;) {
      if (pos >= cps.length) fail('missing closing ]', pattern.slice(start));
      const c = ch(pos);
      if (c === ']' && !first) {
        pos++;
        break;
      }
      first = false;
      if (c === '[' && ch(pos + 1) === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(rest());
        if (m) {
          const body = POSIX[m[2]];
          if (!body) fail('invalid character class range', m[0]);
          items.push(m[1] ? `[^${body}]` : `[${body}]`);
          pos += m[0].length;
          continue;
        }
      }
      let lo: number | undefined;
      if (c === '\\') {
        pos++;
        const e = escape(true);
        if (e.cp === undefined) {
          items.push(e.text);
          continue;
        }
        lo = e.cp;
      } else {
        lo = cps[pos++];
      }
      if (ch(pos) === '-' && ch(pos + 1) !== ']' && pos + 1 < cps.length) {
        pos++;
        let hi: number;
        if (ch(pos) === '\\') {
          pos++;
          const e = escape(true);
          if (e.cp === undefined) return fail('invalid character class range', pattern.slice(start, pos));
          hi = e.cp;
        } else {
          hi = cps[pos++];
        }
        if (hi < lo) fail('invalid character class range', `${String.fromCodePoint(lo)}-${String.fromCodePoint(hi)}`);
        items.push(`${lit(lo)}-${lit(hi)}`);
        if (flags.i) {
          // Add the other case of any ASCII letters in the range.
          const span = (a: number, b: number, shift: number) => {
            const x = Math.max(lo!, a);
            const y = Math.min(hi, b);
            if (x <= y) items.push(`${lit(x + shift)}-${lit(y + shift)}`);
          };
          span(0x41, 0x5a, 0x20);
          span(0x61, 0x7a, -0x20);
        }
      } else {
        for (const f of flags.i ? foldedChars(lo) : [lo]) items.push(lit(f));
      }
    }
    return `[${neg ? '^' : ''}${items.join('')}]`;
  };

  /** A group opener, pos just past `(`. */
  const group = (): void => {
    stack.push({ ...flags });
    if (ch(pos) !== '?') {
      out += '(';
      return;
    }
    pos++;
    const named = /^P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest());
    if (named) {
      pos += [...named[0]].length;
      out += `(?<${named[1]}>`;
      return;
    }
    const m = /^([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest());
    if (!m || m[2] === '') return fail('invalid or unsupported Perl syntax', `(?${rest().slice(0, 1)}`);
    pos += m[0].length;
    const set = (letters: string, on: boolean) => {
      for (const l of letters) flags[l as keyof Flags] = on;
    };
    set(m[1], true);
    set(m[2] ?? '', false);
    if (m[3] === ')') {
      // `(?i)` changes the flags for the rest of the enclosing group.
      const changed = flags;
      stack.pop();
      flags = changed;
      return;
    }
    out += '(?:';
  };

  while (pos < cps.length) {
    const c = ch(pos);
    const repeatStart = pos;
    const counted = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(rest()) : null;
    if (c === '*' || c === '+' || c === '?' || counted) {
      let q: string;
      if (counted) {
        const m = counted;
        const lo = Number(m[1]);
        const hi = m[3] ? Number(m[3]) : lo;
        if (lo > 1000 || hi > 1000 || (m[3] && hi < lo)) fail('invalid repeat count', m[0]);
        q = m[0];
        pos += m[0].length;
      } else {
        q = c;
        pos++;
      }
      let lazy = false;
      if (ch(pos) === '?') {
        lazy = true;
        pos++;
      }
      if (lastWasRepeat) fail('invalid nested repetition operator', String.fromCodePoint(...cps.slice(repeatStart - 1, pos)));
      if (!canRepeat) fail('missing argument to repetition operator', String.fromCodePoint(...cps.slice(repeatStart, pos)));
      out += q + (lazy !== flags.U ? '?' : '');
      lastWasRepeat = true;
      continue;
    }
    lastWasRepeat = false;
    canRepeat = true;
    pos++;
    switch (c) {
      case '\\': {
        if (ch(pos) === 'Q') {
          pos++;
          while (pos < cps.length && !(ch(pos) === '\\' && ch(pos + 1) === 'E')) out += literal(cps[pos++]);
          if (pos < cps.length) pos += 2;
          break;
        }
        const e = escape(false);
        out += e.cp !== undefined ? literal(e.cp) : e.text;
        if (e.text.startsWith('(?') || e.text === '\\b' || e.text === '\\B') canRepeat = false;
        break;
      }
      case '[':
        out += charClass();
        break;
      case '(':
        group();
        canRepeat = false;
        break;
      case ')':
        if (stack.length === 0) fail('unexpected )', pattern);
        flags = stack.pop()!;
        out += ')';
        break;
      case '|':
        out += '|';
        canRepeat = false;
        break;
      case '.':
        out += flags.s ? '[^]' : '[^\\n]';
        break;
      case '^':
        out += flags.m ? '(?<![^\\n])' : '(?<![^])';
        canRepeat = false;
        break;
      case '$':
        out += flags.m ? '(?![^\\n])' : '(?![^])';
        canRepeat = false;
        break;
      default:
        out += literal(cps[pos - 1]);
    }
  }
  if (stack.length > 0) fail('missing closing )', pattern);
  return { source: out, flags: 'v' };
}

/** Compile an RE2 pattern to a JS RegExp; invalid patterns throw Re2Error. */
export function compileRe2(pattern: string): RegExp {
  const { source, flags } = translateRe2(pattern);
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new Re2Error(`error parsing regexp: ${(e as Error).message}`);
  }
}
