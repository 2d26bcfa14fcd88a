// net.ip_in_cidr: whether an address lies inside a network.

import { CatchableError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import { netContains, parseAddr, parseCidr } from './ip.js';
import type { IPNet } from './ip.js';

export const ipInCidr: FuncDef = {
  name: 'ip_in_cidr',
  sig: 'func(ip str, cidr str) bool',
  fn: ([ip, cidr]) => {
    const addr = parseAddr(ip as string);
    if (!addr) throw new CatchableError(`invalid IP address: ${ip as string}`);
    let net: IPNet;
    try {
      net = parseCidr(cidr as string);
    } catch (err) {
      throw new CatchableError((err as Error).message);
    }
    return netContains(net, addr);
  },
  doc: 'Whether the IP address is inside the CIDR network; a catchable error if either is invalid.',
};
