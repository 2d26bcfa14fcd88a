// net.cidr_to_last: the last usable host address of a CIDR: the one before
// the IPv4 broadcast address; IPv6 has no broadcast, so its last address
// counts, and so do both addresses of an IPv4 /31 (RFC 3021) or a /32.

import { cidrFunc } from './cidr.js';
import { addOffset, ipString, lastAddr } from './ip.js';

export const cidrToLast = cidrFunc(
  'cidr_to_last',
  'The last usable host address of a CIDR, e.g. "192.0.2.0/24" gives "192.0.2.254".',
  (n) => {
    const last = lastAddr(n);
    const v4 = n.network.length === 4;
    return ipString(v4 && 32 - n.ones >= 2 ? addOffset(last, -1) : last);
  },
);
