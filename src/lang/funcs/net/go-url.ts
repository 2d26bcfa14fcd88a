// The parts of Go's net/url.Parse that url_parser shows: scheme, host, path
// and raw query, with the same acceptance rules and error texts
// (`parse "URL": missing protocol scheme`, `invalid URL escape "%zz"` ...).

import { goQuote } from '../../types/value.js';

export interface GoURL {
  scheme: string;
  opaque: string;
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
}

class URLError extends Error {}

const isHex = (c: string): boolean => /^[0-9a-fA-F]$/.test(c);

/** Characters a host may hold unescaped (Go's shouldEscape in host mode, ASCII only). */
function hostCharOk(c: string): boolean {
  return /[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]/.test(c);
}

/** Go's unescape for the host, path and fragment modes. */
function unescape(s: string, mode: 'host' | 'path' | 'fragment'): string {
  const bytes: number[] = [];
  const raw = Buffer.from(s, 'utf8');
  for (let i = 0; i < raw.length; ) {
    const c = raw[i];
    if (c === 0x25) {
      const a = String.fromCharCode(raw[i + 1] ?? 0);
      const b = String.fromCharCode(raw[i + 2] ?? 0);
      if (i + 2 >= raw.length || !isHex(a) || !isHex(b)) {
        const bad = raw.subarray(i, Math.min(i + 3, raw.length)).toString('latin1');
        throw new URLError(`invalid URL escape ${goQuote(bad)}`);
      }
      // In a host only %25 and escapes of non-ASCII bytes (>= 0x80) are allowed.
      if (mode === 'host' && parseInt(a, 16) < 8 && `%${a}${b}` !== '%25') {
        throw new URLError(`invalid URL escape ${goQuote(`%${a}${b}`)}`);
      }
      bytes.push(parseInt(a + b, 16));
      i += 3;
      continue;
    }
    if (mode === 'host' && c < 0x80 && !hostCharOk(String.fromCharCode(c))) {
      throw new URLError(`invalid character ${goQuote(String.fromCharCode(c))} in host name`);
    }
    bytes.push(c);
    i++;
  }
  return Buffer.from(bytes).toString('utf8');
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:\d*$/.test(port);
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new URLError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${goQuote(colonPort)} after host`);
  } else {
    const i = host.lastIndexOf(':');
    if (i >= 0) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${goQuote(colonPort)} after host`);
    }
  }
  return unescape(host, 'host');
}

function parseAuthority(authority: string): string {
  const at = authority.lastIndexOf('@');
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (at >= 0 && !/^[A-Za-z0-9\-._:~!$&'()*+,;=%@\u0080-\uffff]*$/.test(authority.slice(0, at))) {
    throw new URLError('net/url: invalid userinfo');
  }
  return host;
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new URLError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function parseNoFrag(raw: string): GoURL {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new URLError('net/url: invalid control character in URL');
  const u: GoURL = { scheme: '', opaque: '', host: '', path: '', rawQuery: '', fragment: '' };
  if (raw === '*') {
    u.path = '*';
    return u;
  }
  let [scheme, rest] = getScheme(raw);
  u.scheme = scheme.toLowerCase();
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      u.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') {
      u.opaque = rest;
      return u;
    }
    const slash = rest.indexOf('/');
    if ((slash < 0 ? rest : rest.slice(0, slash)).includes(':')) {
      throw new URLError('first path segment in URL cannot contain colon');
    }
  }
  if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    u.host = parseAuthority(authority);
  }
  u.path = unescape(rest, 'path');
  return u;
}

/** Go's url.Parse; throws an Error with Go's text (`parse "x": …`). */
export function parseGoURL(raw: string): GoURL {
  const hash = raw.indexOf('#');
  const main = hash < 0 ? raw : raw.slice(0, hash);
  let u: GoURL;
  try {
    u = parseNoFrag(main);
  } catch (err) {
    throw new Error(`parse ${goQuote(main)}: ${(err as Error).message}`);
  }
  if (hash >= 0) {
    try {
      u.fragment = unescape(raw.slice(hash + 1), 'fragment');
    } catch (err) {
      throw new Error(`parse ${goQuote(raw)}: ${(err as Error).message}`);
    }
  }
  return u;
}
