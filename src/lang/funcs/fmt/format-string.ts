// printf's format language: `%%` and exactly one verb letter after `%`.
// No flags, widths or precisions (upstream's rule), which keeps the static
// check exact: the format alone fixes how many args and of which kinds.

import type { Type } from '../../types/type.js';
import { T } from '../../types/type.js';

export type Verb = 's' | 'q' | 'd' | 'f' | 't' | 'v' | 'T';

/** A parsed format: literal text pieces around the verbs (`parts.length === verbs.length + 1`). */
export interface Format {
  parts: string[];
  verbs: Verb[];
}

export class FormatError extends Error {}

const VERBS = new Set<string>(['s', 'q', 'd', 'f', 't', 'v', 'T']);

/** Parse a format; a bad verb fails with its byte offset, as upstream reports it. */
export function parseFormat(format: string): Format {
  const parts: string[] = [];
  const verbs: Verb[] = [];
  let text = '';
  let bytes = 0;
  const chars = [...format];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c !== '%') {
      text += c;
      bytes += Buffer.byteLength(c, 'utf8');
      continue;
    }
    const next = chars[i + 1];
    bytes += 1;
    if (next === '%') {
      text += '%';
      bytes += 1;
      i++;
      continue;
    }
    if (next === undefined || !VERBS.has(next)) throw new FormatError(`invalid format string at ${bytes}`);
    parts.push(text);
    text = '';
    verbs.push(next as Verb);
    bytes += 1;
    i++;
  }
  parts.push(text);
  return { parts, verbs };
}

/** The argument type a verb wants; undefined for %v and %T, which take anything. */
export function verbType(verb: Verb): Type | undefined {
  switch (verb) {
    case 's':
    case 'q':
      return T.str;
    case 'd':
      return T.int;
    case 'f':
      return T.float;
    case 't':
      return T.bool;
    case 'v':
    case 'T':
      return undefined;
  }
}
