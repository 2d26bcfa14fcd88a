// net: manages a network interface (name: the interface): state, addresses, gateway.

import type { KindDef, ResourceSpec } from './kind.js';
import { getStr, param } from './common.js';

export const kind: KindDef = {
  kind: 'net',
  doc: 'Manages a network interface (name: the interface): state, addresses, gateway.',
  params: [
    param('state', 'str', '`up`, `down`, or empty'),
    param('addrs', '[]str', 'addresses in CIDR notation'),
    param('gateway', 'str', 'the default gateway'),
    param('ip_forward', 'bool', 'enable IP forwarding on the interface; default false', { field: 'IPForward' }),
  ],
  validate(res: ResourceSpec) {
    const state = getStr(res, 'state');
    if (state !== 'up' && state !== 'down' && state !== '') return 'state must be up, down or empty';
    return undefined;
  },
};
