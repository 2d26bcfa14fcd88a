// Ports of Go's path package (slash-separated, purely lexical), which is
// also path/filepath on Unix, plus filepath.Rel and path.Match.

/** path.Clean: the shortest equivalent path, by purely lexical processing. */
export function clean(p: string): string {
  if (p === '') return '.';
  const rooted = p[0] === '/';
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

export function base(p: string): string {
  if (p === '') return '.';
  const s = p.replace(/\/+$/, '');
  if (s === '') return '/';
  return s.slice(s.lastIndexOf('/') + 1);
}

export function dir(p: string): string {
  return clean(p.slice(0, p.lastIndexOf('/') + 1));
}

export function ext(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

export function join(elems: string[]): string {
  const parts = elems.filter((e) => e !== '');
  return parts.length === 0 ? '' : clean(parts.join('/'));
}

export const isAbs = (p: string): boolean => p.startsWith('/');

/** filepath.Rel on Unix. */
export function rel(basepath: string, targpath: string): string {
  const fail = (): never => {
    throw new Error(`Rel: can't make ${targpath} relative to ${basepath}`);
  };
  let b = clean(basepath);
  const t = clean(targpath);
  if (t === b) return '.';
  if (b === '.') b = '';
  if ((b[0] === '/') !== (t[0] === '/')) fail();
  const bl = b.length;
  const tl = t.length;
  let b0 = 0;
  let bi = 0;
  let t0 = 0;
  let ti = 0;
  for (;;) {
    while (bi < bl && b[bi] !== '/') bi++;
    while (ti < tl && t[ti] !== '/') ti++;
    if (t.slice(t0, ti) !== b.slice(b0, bi)) break;
    if (bi < bl) bi++;
    if (ti < tl) ti++;
    b0 = bi;
    t0 = ti;
  }
  if (b.slice(b0, bi) === '..') fail();
  if (b0 !== bl) {
    const seps = b.slice(b0, bl).split('/').length - 1;
    let out = '..' + '/..'.repeat(seps);
    if (t0 !== tl) out += '/' + t.slice(t0);
    return out;
  }
  return t.slice(t0);
}

/** filepath.IsLocal on Unix. */
export function isLocal(p: string): boolean {
  if (isAbs(p) || p === '') return false;
  const c = p.split('/').some((x) => x === '.' || x === '..') ? clean(p) : p;
  return !(c === '..' || c.startsWith('../'));
}

/** fs.ValidPath, for filepath.Localize. */
export function validFsPath(p: string): boolean {
  if (p === '.') return true;
  return p.split('/').every((e) => e !== '' && e !== '.' && e !== '..');
}

export const ERR_BAD_PATTERN = 'syntax error in pattern';

function bad(): never {
  throw new Error(ERR_BAD_PATTERN);
}

/** The next chunk: leading stars, then up to the next star outside brackets. */
function scanChunk(pattern: string[]): [boolean, string[], string[]] {
  let star = false;
  let p = pattern;
  while (p.length > 0 && p[0] === '*') {
    p = p.slice(1);
    star = true;
  }
  let inrange = false;
  let i = 0;
  scan: for (; i < p.length; i++) {
    switch (p[i]) {
      case '\\':
        if (i + 1 < p.length) i++;
        break;
      case '[':
        inrange = true;
        break;
      case ']':
        inrange = false;
        break;
      case '*':
        if (!inrange) break scan;
    }
  }
  return [star, p.slice(0, i), p.slice(i)];
}

function getEsc(chunk: string[]): [string, string[]] {
  if (chunk.length === 0 || chunk[0] === '-' || chunk[0] === ']') bad();
  let c = chunk;
  if (c[0] === '\\') {
    c = c.slice(1);
    if (c.length === 0) bad();
  }
  const rest = c.slice(1);
  if (rest.length === 0) bad();
  return [c[0], rest];
}

/** Matches one chunk at the start of s: the rest of s, or undefined. Bad syntax throws. */
function matchChunk(chunkIn: string[], sIn: string[]): string[] | undefined {
  let chunk = chunkIn;
  let s = sIn;
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    switch (chunk[0]) {
      case '[': {
        let r = 0;
        if (!failed) {
          r = s[0].codePointAt(0)!;
          s = s.slice(1);
        }
        chunk = chunk.slice(1);
        let negated = false;
        if (chunk.length > 0 && chunk[0] === '^') {
          negated = true;
          chunk = chunk.slice(1);
        }
        let match = false;
        let nrange = 0;
        for (;;) {
          if (chunk.length > 0 && chunk[0] === ']' && nrange > 0) {
            chunk = chunk.slice(1);
            break;
          }
          let lo: string;
          [lo, chunk] = getEsc(chunk);
          let hi = lo;
          if (chunk[0] === '-') [hi, chunk] = getEsc(chunk.slice(1));
          if (lo.codePointAt(0)! <= r && r <= hi.codePointAt(0)!) match = true;
          nrange++;
        }
        if (match === negated) failed = true;
        break;
      }
      case '?':
        if (!failed) {
          if (s[0] === '/') failed = true;
          s = s.slice(1);
        }
        chunk = chunk.slice(1);
        break;
      default:
        // A backslash quotes the next character.
        if (chunk[0] === '\\') {
          chunk = chunk.slice(1);
          if (chunk.length === 0) bad();
        }
        if (!failed) {
          if (chunk[0] !== s[0]) failed = true;
          s = s.slice(1);
        }
        chunk = chunk.slice(1);
    }
  }
  return failed ? undefined : s;
}

/** path.Match (and filepath.Match on Unix); throws ERR_BAD_PATTERN on bad syntax. */
export function match(patternStr: string, nameStr: string): boolean {
  let pattern = [...patternStr];
  let name = [...nameStr];
  outer: while (pattern.length > 0) {
    let star: boolean;
    let chunk: string[];
    [star, chunk, pattern] = scanChunk(pattern);
    if (star && chunk.length === 0) return !name.includes('/');
    const t = matchChunk(chunk, name);
    if (t !== undefined && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < name.length && name[i] !== '/'; i++) {
        const t2 = matchChunk(chunk, name.slice(i + 1));
        if (t2 !== undefined) {
          if (pattern.length === 0 && t2.length > 0) continue;
          name = t2;
          continue outer;
        }
      }
    }
    // No match: still report a syntax error in the rest of the pattern.
    while (pattern.length > 0) {
      [, chunk, pattern] = scanChunk(pattern);
      matchChunk(chunk, []);
    }
    return false;
  }
  return name.length === 0;
}
