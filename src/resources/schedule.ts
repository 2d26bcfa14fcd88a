// schedule: puts this host into a named schedule shared through the world store.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'schedule',
  doc: 'Puts this host into a named schedule shared through the world store.',
  params: [
    param('namespace', 'str', 'the schedule\'s name; default: the resource name'),
    param('strategy', 'str', 'how hosts are chosen (`rr`)'),
    param('max', 'int', 'the most hosts to schedule'),
    param('persist', 'bool', 'keep the schedule when hosts leave; default false'),
    param('ttl', 'int', 'seconds before an absent host is dropped', { field: 'TTL' }),
    param('withdraw', 'bool', 'take this host out of the schedule; default false'),
  ],
};
