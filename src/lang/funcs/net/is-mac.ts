// net.is_mac: whether a string is a MAC address Go's net.ParseMAC accepts.

import type { FuncDef } from '../registry.js';
import { parseMac } from './mac.js';

export const isMac: FuncDef = {
  name: 'is_mac',
  sig: 'func(a str) bool',
  fn: ([a]) => parseMac(a as string) !== undefined,
  doc: 'Whether the string is a valid MAC address.',
};
