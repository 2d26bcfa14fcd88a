// fwupd:device: converges one device's firmware to a version through fwupd.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'fwupd:device',
  doc: 'Converges one device\'s firmware to a version through fwupd.',
  params: [
    param('device', 'str', 'the device id or GUID; default: the resource name'),
    param('version', 'str', 'the exact version wanted'),
    param('allow_downgrade', 'bool', 'allow flashing an older version; default false'),
  ],
};
