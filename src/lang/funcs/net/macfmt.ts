// net.macfmt and net.oldmacfmt: switch a MAC-48 address between the
// colon form (`aa:bb:cc:dd:ee:ff`) and the hyphen form (`aa-bb-cc-dd-ee-ff`).

import { CatchableError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import { macError, parseMac } from './mac.js';

const MAC48_LEN = 'aa:bb:cc:dd:ee:ff'.length;

function checkMac48(mac: string): void {
  if (mac.length !== MAC48_LEN) throw new CatchableError(`invalid MAC address length: ${mac}`);
  if (!parseMac(mac)) throw new CatchableError(macError(mac));
}

export const macfmt: FuncDef = {
  name: 'macfmt',
  sig: 'func(a str) str',
  fn: ([a]) => {
    checkMac48(a as string);
    return (a as string).replace(/-/g, ':');
  },
  doc: 'A MAC-48 address in colon form (hyphens become colons); a catchable error if invalid.',
};

export const oldmacfmt: FuncDef = {
  name: 'oldmacfmt',
  sig: 'func(a str) str',
  fn: ([a]) => {
    checkMac48(a as string);
    return (a as string).replace(/:/g, '-');
  },
  doc: 'A MAC-48 address in hyphen form (colons become hyphens); a catchable error if invalid.',
};
