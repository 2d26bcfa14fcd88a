// virt:network:range: a DHCP range in a libvirt network.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'virt:network:range',
  doc: 'A DHCP range in a libvirt network.',
  params: [
    param('network', 'str', 'the virt:network to group into; default: any'),
    param('start', 'str', 'the first address'),
    param('end', 'str', 'the last address'),
  ],
};
