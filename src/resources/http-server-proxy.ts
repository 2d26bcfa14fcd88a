// http:server:proxy: proxies and caches a URL prefix of an http:server to another server.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'http:server:proxy',
  doc: 'Proxies and caches a URL prefix of an http:server to another server.',
  params: [
    param('server', 'str', 'the http:server to group into; default: any'),
    param('path', 'str', 'the URL prefix; default: the resource name'),
    param('sub', 'str', 'the prefix to remove before forwarding'),
    param('head', 'str', 'the upstream URL to put in front'),
    param('cache', 'str', 'a directory to cache responses in'),
  ],
};
