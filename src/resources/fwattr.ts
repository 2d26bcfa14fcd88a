// fwattr: sets a firmware (BIOS/UEFI) attribute through the kernel's firmware-attributes interface.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'fwattr',
  doc: 'Sets a firmware (BIOS/UEFI) attribute through the kernel\'s firmware-attributes interface.',
  params: [
    param('driver', 'str', 'the firmware-attributes driver (`thinklmi`); default: detected'),
    param('key', 'str', 'the attribute; default: the resource name'),
    param('value', 'str', 'the value wanted'),
    param('check', 'bool', 'verify the value is one the firmware offers'),
    param('strict', 'bool', 'fail instead of skipping when the attribute is missing'),
    param('skip', 'bool', 'do nothing (for firmware that misbehaves); default false'),
  ],
};
