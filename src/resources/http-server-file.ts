// http:server:file: a file served by an http:server (name: the URL path).

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'http:server:file',
  doc: 'A file served by an http:server (name: the URL path).',
  params: [
    param('server', 'str', 'the http:server to group into; default: any'),
    param('filename', 'str', 'the URL path; default: the resource name'),
    param('path', 'str', 'serve this file from disk'),
    param('data', 'str', 'serve this string instead of a file'),
    param('longpoll', 'bool', 'hold GETs open until the content changes; default false', { field: 'LongPoll' }),
  ],
  recv: true,
};
