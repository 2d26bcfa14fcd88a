// http:client: fetches a URL into a file (name: the file path) and sends the content.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'http:client',
  doc: 'Fetches a URL into a file (name: the file path) and sends the content.',
  params: [
    param('file', 'str', 'where to save the body; default: the resource name'),
    param('method', 'str', 'the HTTP method; default GET'),
    param('url', 'str', 'the URL to fetch', { field: 'URL' }),
    param('body', 'str', 'the request body'),
    param('mtime_check', 'bool', 'send If-Modified-Since from the file\'s mtime; default false'),
    param('sha256', 'str', 'the expected sha256 of the body'),
    param('longpoll', 'bool', 'hold the request open until the server has news; default false', { field: 'LongPoll' }),
    param('longpoll_redirect', 'bool', 'follow redirects while long-polling; default false', { field: 'LongPollRedirect' }),
    param('longpoll_conditional', 'bool', 'make long-polls conditional on the last response; default false', { field: 'LongPollConditional' }),
  ],
  sends: [{ key: 'content', type: 'str', goKind: 'ptr' }],
};
