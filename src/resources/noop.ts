// noop: does nothing; useful as an anchor for edges.

import type { KindDef } from './kind.js';
import { groupSameKind, param } from './common.js';

export const kind: KindDef = {
  kind: 'noop',
  doc: 'Does nothing; an anchor for edges and notifications.',
  params: [param('comment', 'str', 'free text, ignored')],
  groupCmp: groupSameKind,
};
