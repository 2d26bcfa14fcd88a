// net.cidr_to_mask: the netmask of a CIDR (`192.0.2.0/24` → `255.255.255.0`).

import { cidrFunc } from './cidr.js';
import { ipString } from './ip.js';

export const cidrToMask = cidrFunc('cidr_to_mask', 'The netmask of a CIDR, e.g. "192.0.2.0/24" gives "255.255.255.0".', (n) =>
  ipString(n.mask),
);
