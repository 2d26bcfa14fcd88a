// http:server: an HTTP server (name: the listen address like `:8080`); http:server:* resources group into it.

import type { KindDef } from './kind.js';
import { groupChildren, param } from './common.js';

export const kind: KindDef = {
  kind: 'http:server',
  doc: 'An HTTP server (name: the listen address like `:8080`); http:server:* resources group into it.',
  params: [
    param('address', 'str', 'the listen address; default: the resource name'),
    param('timeout', 'int', 'seconds for reads and writes unless set below'),
    param('read_timeout', 'int', 'seconds to read a request'),
    param('write_timeout', 'int', 'seconds to write a response'),
    param('shutdown_timeout', 'int', 'seconds to wait for requests on shutdown'),
    param('root', 'str', 'a directory to serve files from'),
  ],
  // The http:server:* kinds group into the server they name (or any, if they name none).
  groupCmp: groupChildren({ 'http:server:file': 'server', 'http:server:flag': 'server', 'http:server:proxy': 'server', 'http:server:ui': 'server' }),
};
