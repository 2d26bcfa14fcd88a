// tftp:file: a file served by a tftp:server (name: the served path).

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'tftp:file',
  doc: 'A file served by a tftp:server (name: the served path).',
  params: [
    param('server', 'str', 'the tftp:server to group into; default: any'),
    param('filename', 'str', 'the served name; default: the resource name'),
    param('path', 'str', 'serve this file from disk'),
    param('data', 'str', 'serve this string instead of a file'),
  ],
};
