// mount: manages a mount point (name: the mount path) and its fstab entry.

import type { KindDef, ResourceSpec } from './kind.js';
import { fileUid, getStr, param, parentDirs } from './common.js';

export const kind: KindDef = {
  kind: 'mount',
  doc: 'Manages a mount point (name: the mount path) and its fstab entry.',
  params: [
    param('state', 'str', '`exists` or `absent`'),
    param('device', 'str', 'the device: a path, `UUID=…`, `LABEL=…`…'),
    param('type', 'str', 'the filesystem type (`ext4`)'),
    param('options', 'map{str: str}', 'mount options (`{"ro" => ""}`)'),
    param('freq', 'int', 'the fstab dump frequency'),
    param('passno', 'int', 'the fstab fsck pass number', { field: 'PassNo' }),
  ],
  validate(res: ResourceSpec) {
    const state = getStr(res, 'state');
    if (state !== 'exists' && state !== 'absent') return 'state must be exists or absent';
    if (!res.name.startsWith('/')) return 'mount point must be an absolute path';
    if (state === 'exists' && getStr(res, 'device') === '') return 'device must not be empty';
    return undefined;
  },
  // The mount point directory if managed, else its nearest managed parent.
  autoEdges(res) {
    if (!res.name.startsWith('/')) return [];
    const dir = res.name.endsWith('/') ? res.name : res.name + '/';
    return [{ uids: [dir, ...parentDirs(dir)].map(fileUid), direction: 'before-me', firstOnly: true }];
  },
};
