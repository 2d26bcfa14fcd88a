// print: logs a message when applied. Prints group together unless either
// only acts on refresh.

import type { KindDef } from './kind.js';
import { getBool, groupSameKind, param } from './common.js';

export const kind: KindDef = {
  kind: 'print',
  doc: 'Logs a message each time it is applied.',
  params: [
    param('msg', 'str', 'the message to log; default: empty'),
    param('refresh_only', 'bool', 'only print when a refresh notification arrives; default false'),
  ],
  recv: true,
  groupCmp: (parent, child) => groupSameKind(parent, child) && !getBool(parent, 'refresh_only') && !getBool(child, 'refresh_only'),
};
