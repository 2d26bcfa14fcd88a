// firewalld: opens services and ports in a firewalld zone.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'firewalld',
  doc: 'Opens services and ports in a firewalld zone.',
  params: [
    param('zone', 'str', 'the zone; default: the default zone'),
    param('state', 'str', '`exists` or `absent`'),
    param('services', '[]str', 'firewalld service names'),
    param('ports', '[]str', 'ports as `PORT/PROTO` (`8080/tcp`)'),
  ],
};
