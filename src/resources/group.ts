// group: manages a system group.

import type { KindDef, ResourceSpec } from './kind.js';
import { getStr, param } from './common.js';
import { GroupResource } from './user/group.js';

export const kind: KindDef = {
  kind: 'group',
  doc: 'Manages a system group.',
  params: [
    param('state', 'str', '`exists` or `absent`'),
    param('gid', 'int', 'the group id; unset: chosen by the system', { field: 'GID', ptr: true, int: 'uint32' }),
  ],
  validate(res: ResourceSpec) {
    const state = getStr(res, 'state');
    if (state !== 'exists' && state !== 'absent') return 'state must be exists or absent';
    return undefined;
  },
  create: (spec) => new GroupResource(spec),
};
