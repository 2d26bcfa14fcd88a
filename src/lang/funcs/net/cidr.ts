// Shared body of the cidr_to_* functions: parse, then turn a Go net error
// into a catchable one.

import { CatchableError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import { parseCidr } from './ip.js';
import type { IPNet } from './ip.js';

export function cidrFunc(name: string, doc: string, pick: (net: IPNet) => string): FuncDef {
  return {
    name,
    sig: 'func(a str) str',
    fn: ([a]) => {
      let net: IPNet;
      try {
        net = parseCidr(a as string);
      } catch (err) {
        throw new CatchableError((err as Error).message);
      }
      return pick(net);
    },
    doc,
  };
}
