// user: manages a system user.

import type { KindDef, ResourceSpec } from './kind.js';
import { getStr, getStrList, has, param } from './common.js';
import { UserResource } from './user/resource.js';

export const kind: KindDef = {
  kind: 'user',
  doc: 'Manages a system user.',
  params: [
    param('state', 'str', '`exists` or `absent`'),
    param('uid', 'int', 'the user id; unset: chosen by the system', { field: 'UID', ptr: true, int: 'uint32' }),
    param('gid', 'int', 'the primary group id', { field: 'GID', ptr: true, int: 'uint32' }),
    param('group', 'str', 'the primary group name (not with gid)'),
    param('groups', '[]str', 'supplementary groups'),
    param('homedir', 'str', 'the home directory', { field: 'HomeDir' }),
    param('shell', 'str', 'the login shell'),
    param('allowduplicateuid', 'bool', 'allow a uid another user has; default false', { field: 'AllowDuplicateUID' }),
  ],
  validate(res: ResourceSpec) {
    const state = getStr(res, 'state');
    if (state !== 'exists' && state !== 'absent') return 'state must be exists or absent';
    if (has(res, 'gid') && getStr(res, 'group') !== '') return 'cannot use both GID and Group';
    return undefined;
  },
  // The groups it belongs to come first.
  autoEdges(res) {
    const groups = [getStr(res, 'group'), ...getStrList(res, 'groups')].filter((g) => g !== '');
    return groups.map((g) => ({ uids: [{ kind: 'group', key: g }], direction: 'before-me' as const, firstOnly: true }));
  },
  create: (spec) => new UserResource(spec),
};
