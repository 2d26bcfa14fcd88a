// dhcp:range: a dynamic DHCP address range (name: the network in CIDR notation by default).

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'dhcp:range',
  doc: 'A dynamic DHCP address range (name: the network in CIDR notation by default).',
  params: [
    param('server', 'str', 'the dhcp:server to group into; default: any'),
    param('network', 'str', 'the network (`192.168.42.0/24`); default: the resource name'),
    param('from', 'str', 'the first address of the range'),
    param('to', 'str', 'the last address of the range'),
    param('mask', 'str', 'the netmask, when not in network'),
    param('skip', '[]str', 'addresses never handed out'),
    param('persist', 'bool', 'keep leases across restarts; default false'),
    param('nbp', 'str', 'the network boot program URL', { field: 'NBP' }),
    param('nbp_path', 'str', 'the boot program path for UEFI clients', { field: 'NBPPath' }),
  ],
};
