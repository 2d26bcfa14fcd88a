// fwupd:remote: enables or disables an fwupd metadata remote (`lvfs`).

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'fwupd:remote',
  doc: 'Enables or disables an fwupd metadata remote (`lvfs`).',
  params: [
    param('enabled', 'bool', 'whether the remote is enabled'),
    param('refresh_age', 'str', 'refresh the metadata when older than this (`24h`)'),
  ],
};
