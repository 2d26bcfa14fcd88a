// exit: makes mgmt exit with a code once the graph converges here.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'exit',
  doc: 'Makes mgmt exit with a code once the graph converges here.',
  params: [
    param('code', 'int', 'the exit code; default 0'),
  ],
};
