// http:server:flag: a URL on an http:server that sends what is POSTed to it.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'http:server:flag',
  doc: 'A URL on an http:server that sends what is POSTed to it.',
  params: [
    param('server', 'str', 'the http:server to group into; default: any'),
    param('path', 'str', 'the URL path; default: the resource name'),
    param('key', 'str', 'the form key to read'),
  ],
  sends: [{ key: 'value', type: 'str', goKind: 'ptr' }],
};
