// virt:network:host: a static DHCP host in a libvirt network.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'virt:network:host',
  doc: 'A static DHCP host in a libvirt network.',
  params: [
    param('network', 'str', 'the virt:network to group into; default: any'),
    param('hostname', 'str', 'the host name'),
    param('mac', 'str', 'the MAC address'),
    param('ip', 'str', 'the address to hand out', { field: 'IP' }),
  ],
};
