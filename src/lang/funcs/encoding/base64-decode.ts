// encoding.base64_decode: Go's base64.StdEncoding.DecodeString, which (unlike
// Node's lenient decoder) rejects bad characters and missing padding.

import { FatalError } from '../registry.js';
import type { FuncDef } from '../registry.js';

const ALPHABET = /[A-Za-z0-9+/]/;

/** Where Go would report the input invalid, or -1 when it is valid. Newlines are ignored, as in Go. */
function invalidAt(s: string): number {
  let n = 0; // significant characters seen
  let pad = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\r' || c === '\n') continue;
    if (c === '=') {
      if (n % 4 < 2) return i;
      pad++;
    } else if (pad > 0 || !ALPHABET.test(c)) {
      return i;
    }
    n++;
    if (pad > 0 && n % 4 === 0) {
      // The quantum with padding is complete: only newlines may follow.
      const tail = s.slice(i + 1).replace(/[\r\n]/g, '');
      return tail === '' ? -1 : i + 1;
    }
  }
  if (n % 4 !== 0) return s.length;
  return -1;
}

export const base64Decode: FuncDef = {
  name: 'base64_decode',
  sig: 'func(data str) str',
  fn: ([data]) => {
    const s = data as string;
    const at = invalidAt(s);
    if (at >= 0) throw new FatalError(`illegal base64 data at input byte ${at}`);
    return Buffer.from(s.replace(/[\r\n]/g, ''), 'base64').toString('utf8');
  },
  doc: 'Decodes standard, padded base64; invalid input is an error.',
};
