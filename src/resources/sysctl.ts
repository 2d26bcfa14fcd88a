// sysctl: sets a kernel parameter (name: the sysctl key).

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'sysctl',
  doc: 'Sets a kernel parameter (name: the sysctl key).',
  params: [
    param('value', 'str', 'the value wanted'),
    param('runtime', 'bool', 'set the running value'),
    param('persist', 'bool', 'write it to a sysctl.d file too'),
    param('path', 'str', 'the sysctl.d file; default: one named after the key'),
  ],
};
