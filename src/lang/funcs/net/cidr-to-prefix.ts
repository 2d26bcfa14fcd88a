// net.cidr_to_prefix: the prefix length of a CIDR (`192.0.2.0/24` → `24`).

import { cidrFunc } from './cidr.js';

export const cidrToPrefix = cidrFunc('cidr_to_prefix', 'The prefix length of a CIDR as a string, e.g. "192.0.2.0/24" gives "24".', (n) =>
  String(n.ones),
);
