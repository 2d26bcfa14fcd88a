// The `net` module: address arithmetic and local interface facts.

import type { ModuleDef } from '../registry.js';
import { cidrToFirst } from './cidr-to-first.js';
import { cidrToIp } from './cidr-to-ip.js';
import { cidrToLast } from './cidr-to-last.js';
import { cidrToMask } from './cidr-to-mask.js';
import { cidrToNetwork } from './cidr-to-network.js';
import { cidrToPrefix } from './cidr-to-prefix.js';
import { interfaceCidr } from './interface-cidr.js';
import { ipInCidr } from './ip-in-cidr.js';
import { isMac } from './is-mac.js';
import { macfmt, oldmacfmt } from './macfmt.js';
import { macs } from './macs.js';
import { splitHostport } from './split-hostport.js';
import { urlParser } from './url-parser.js';
import { wiredInterface } from './wired-interface.js';

export const module: ModuleDef = {
  path: 'net',
  funcs: [
    cidrToFirst, cidrToIp, cidrToLast, cidrToMask, cidrToNetwork, cidrToPrefix, interfaceCidr, ipInCidr,
    isMac, macfmt, macs, oldmacfmt, splitHostport, urlParser, wiredInterface,
  ],
};
