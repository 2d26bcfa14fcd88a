// golang/runtime: Go's runtime facts, answered for the runtime we have
// (table of wrappers, see table.ts). There is no Go toolchain here, so
// Version names the Node.js release and GOROOT its installation prefix.

import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { goModule } from './table.js';
import type { GoFunc } from './table.js';

export const funcs: GoFunc[] = [
  { go: 'GOROOT', sig: 'func() str', fn: () => dirname(dirname(process.execPath)) },
  { go: 'NumCPU', sig: 'func() int', fn: () => BigInt(availableParallelism()) },
  { go: 'Version', sig: 'func() str', fn: () => `node ${process.version}` },
];

export const module = goModule('runtime', funcs);
