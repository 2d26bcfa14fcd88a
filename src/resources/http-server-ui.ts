// http:server:ui: a web UI page on an http:server; http:server:ui:input resources group into it.

import type { KindDef } from './kind.js';
import { groupChildren, param } from './common.js';

export const kind: KindDef = {
  kind: 'http:server:ui',
  doc: 'A web UI page on an http:server; http:server:ui:input resources group into it.',
  params: [
    param('server', 'str', 'the http:server to group into; default: any'),
    param('path', 'str', 'the URL path; default: the resource name'),
    param('data', 'struct{title str; head str}', 'the page title and extra HTML head'),
  ],
  // Inputs group into the page whose name they give in `path` (or any, if they give none).
  groupCmp: groupChildren({ 'http:server:ui:input': 'path' }),
};
