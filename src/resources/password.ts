// password: generates a random password once and sends it.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'password',
  doc: 'Generates a random password once and sends it.',
  params: [
    param('length', 'int', 'the number of characters; default 64', { int: 'uint16' }),
    param('saved', 'bool', 'keep the password across runs; default false'),
    param('check_recovery', 'bool', 'regenerate when the saved one is unreadable; default false'),
  ],
  sends: [{ key: 'password', type: 'str', goKind: 'ptr' }],
};
