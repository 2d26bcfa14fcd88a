// net.cidr_to_ip: the address part of a CIDR (`192.0.2.7/24` → `192.0.2.7`).

import { cidrFunc } from './cidr.js';
import { ipString } from './ip.js';

export const cidrToIp = cidrFunc('cidr_to_ip', 'The IP address part of a CIDR, e.g. "192.0.2.7/24" gives "192.0.2.7".', (n) =>
  ipString(n.ip),
);
