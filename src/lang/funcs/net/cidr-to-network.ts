// net.cidr_to_network: the network address of a CIDR (`192.0.2.7/24` → `192.0.2.0`).

import { cidrFunc } from './cidr.js';
import { ipString } from './ip.js';

export const cidrToNetwork = cidrFunc(
  'cidr_to_network',
  'The network address of a CIDR (host bits cleared), e.g. "192.0.2.7/24" gives "192.0.2.0".',
  (n) => ipString(n.network),
);
