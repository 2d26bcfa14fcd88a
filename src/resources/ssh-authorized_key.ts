// ssh:authorized_key: manages one key in an SSH authorized_keys file.

import type { KindDef } from './kind.js';
import { getStr, param } from './common.js';

export const kind: KindDef = {
  kind: 'ssh:authorized_key',
  doc: 'Manages one key in an SSH authorized_keys file.',
  params: [
    param('state', 'str', '`exists` or `absent`'),
    param('file', 'str', 'the authorized_keys file; default: the user\'s'),
    param('user', 'str', 'the user whose file is managed'),
    param('content', 'str', 'the whole key line, instead of type/key/comment'),
    param('options', '[]str', 'key options (`no-pty`)'),
    param('type', 'str', 'the key type (`ssh-ed25519`)'),
    param('key', 'str', 'the base64 key'),
    param('comment', 'str', 'the key comment'),
    param('mkdir', 'bool', 'create ~/.ssh when missing; default false'),
  ],
  // The user who owns the key file comes first.
  autoEdges(res) {
    const user = getStr(res, 'user');
    return user === '' ? [] : [{ uids: [{ kind: 'user', key: user }], direction: 'before-me', firstOnly: true }];
  },
};
