// tftp:server: a TFTP server (name: the listen address like `:69`); tftp:file resources group into it.

import type { KindDef } from './kind.js';
import { groupChildren, param } from './common.js';

export const kind: KindDef = {
  kind: 'tftp:server',
  doc: 'A TFTP server (name: the listen address like `:69`); tftp:file resources group into it.',
  params: [
    param('address', 'str', 'the listen address; default: the resource name'),
    param('timeout', 'int', 'seconds before a transfer times out'),
    param('root', 'str', 'a directory to serve files from'),
  ],
  groupCmp: groupChildren({ 'tftp:file': 'server' }),
};
