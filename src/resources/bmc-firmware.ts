// bmc:firmware: flashes firmware onto a machine through its BMC.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'bmc:firmware',
  doc: 'Flashes firmware onto a machine through its BMC.',
  params: [
    param('hostname', 'str', 'the BMC host; default: taken from the resource name'),
    param('port', 'int', 'the BMC port; default: from the name or the scheme'),
    param('username', 'str', 'the BMC user'),
    param('password', 'str', 'the BMC password'),
    param('insecure_password', 'bool', 'allow the password to be read from the name; default false'),
    param('provider', 'str', 'the BMC vendor protocol (`supermicro`)'),
    param('file', 'str', 'the firmware image to upload'),
    param('hash', 'str', 'the sha256 of the image, checked before flashing'),
    param('version', 'str', 'the firmware version wanted'),
    param('block', 'str', 'the name of a bmc:power resource to hold off while flashing'),
  ],
};
