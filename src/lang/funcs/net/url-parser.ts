// net.url_parser: the scheme, host, path and raw query of a URL, parsed the
// way Go's net/url does. A URL without a scheme is an error too.

import { CatchableError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import { StructValue } from '../../types/value.js';
import { parseGoURL } from './go-url.js';
import type { GoURL } from './go-url.js';

export const urlParser: FuncDef = {
  name: 'url_parser',
  sig: 'func(url str) struct{scheme str; host str; path str; raw_query str}',
  fn: ([url]) => {
    let u: GoURL;
    try {
      u = parseGoURL(url as string);
    } catch (err) {
      throw new CatchableError(`error parsing url: ${(err as Error).message}`);
    }
    if (u.scheme === '') throw new CatchableError(`empty url scheme: ${url as string}`);
    return new StructValue([
      ['scheme', u.scheme],
      ['host', u.host],
      ['path', u.path],
      ['raw_query', u.rawQuery],
    ]);
  },
  doc: 'Splits a URL into scheme, host, path and raw_query (Go net/url rules); a catchable error if invalid or schemeless.',
};
