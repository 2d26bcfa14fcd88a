// dhcp:host: a static DHCP lease for one MAC address.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'dhcp:host',
  doc: 'A static DHCP lease for one MAC address.',
  params: [
    param('server', 'str', 'the dhcp:server to group into; default: any'),
    param('mac', 'str', 'the client\'s MAC address', { field: 'Mac' }),
    param('ip', 'str', 'the address to hand out, in CIDR notation (`192.168.42.101/24`)', { field: 'IP' }),
    param('nbp', 'str', 'the network boot program URL', { field: 'NBP' }),
    param('nbp_path', 'str', 'the boot program path for UEFI clients', { field: 'NBPPath' }),
  ],
};
