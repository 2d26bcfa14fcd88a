// consul:kv: sets a key in a Consul key-value store.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'consul:kv',
  doc: 'Sets a key in a Consul key-value store.',
  params: [
    param('key', 'str', 'the key; default: the resource name'),
    param('value', 'str', 'the value to store'),
    param('scheme', 'str', '`http` or `https`; default http'),
    param('address', 'str', 'the Consul address (`127.0.0.1:8500`)'),
    param('token', 'str', 'the Consul ACL token'),
  ],
};
