// net.cidr_to_first: the first usable host address of a CIDR: the one after
// the network address, except for /31, /32 (RFC 3021) and IPv6 /127, /128,
// where every address is usable.

import { cidrFunc } from './cidr.js';
import { addOffset, ipString } from './ip.js';

export const cidrToFirst = cidrFunc(
  'cidr_to_first',
  'The first usable host address of a CIDR, e.g. "192.0.2.0/24" gives "192.0.2.1".',
  (n) => ipString(n.network.length * 8 - n.ones < 2 ? n.network : addOffset(n.network, 1)),
);
