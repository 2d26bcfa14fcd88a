// dhcp:server: a DHCP server (name: the listen address like `:67`); dhcp:host and dhcp:range group into it.

import type { KindDef } from './kind.js';
import { groupChildren, param } from './common.js';

export const kind: KindDef = {
  kind: 'dhcp:server',
  doc: 'A DHCP server (name: the listen address like `:67`); dhcp:host and dhcp:range group into it.',
  params: [
    param('address', 'str', 'the listen address; default: the resource name'),
    param('interface', 'str', 'the network interface to serve on (required for now)'),
    param('serverid', 'str', 'the server identifier (an IPv4 address); default: from the interface', { field: 'ServerID' }),
    param('leasetime', 'str', 'the lease duration (`60s`, `24h`)', { field: 'LeaseTime' }),
    param('dns', '[]str', 'DNS servers handed to clients', { field: 'DNS' }),
    param('routers', '[]str', 'routers handed to clients'),
    param('nbp', 'str', 'the default network boot program URL', { field: 'NBP' }),
  ],
  groupCmp: groupChildren({ 'dhcp:host': 'server', 'dhcp:range': 'server' }),
};
