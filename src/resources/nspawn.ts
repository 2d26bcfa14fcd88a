// nspawn: runs or stops a systemd-nspawn container (name: the machine).

import type { KindDef, ResourceSpec } from './kind.js';
import { getStr, param } from './common.js';

export const kind: KindDef = {
  kind: 'nspawn',
  doc: 'Runs or stops a systemd-nspawn container (name: the machine).',
  params: [
    param('state', 'str', '`running` or `stopped`'),
  ],
  validate(res: ResourceSpec) {
    const state = getStr(res, 'state');
    if (state !== 'running' && state !== 'stopped' && state !== '') return 'state must be running or stopped';
    return undefined;
  },
};
