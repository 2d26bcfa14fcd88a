// bmc:power: powers a machine on or off through its BMC (name like `gofishs://user@host:port`).

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'bmc:power',
  doc: 'Powers a machine on or off through its BMC (name like `gofishs://user@host:port`).',
  params: [
    param('hostname', 'str', 'the BMC host; default: taken from the resource name'),
    param('port', 'int', 'the BMC port; default: from the name or the scheme'),
    param('username', 'str', 'the BMC user'),
    param('password', 'str', 'the BMC password'),
    param('insecure_password', 'bool', 'allow the password to be read from the name; default false'),
    param('driver', 'str', 'the BMC protocol driver; default: from the name\'s scheme'),
    param('state', 'str', '`on` or `off`'),
  ],
};
