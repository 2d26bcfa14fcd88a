// hetzner:vm: manages a Hetzner Cloud server.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'hetzner:vm',
  doc: 'Manages a Hetzner Cloud server.',
  params: [
    param('apitoken', 'str', 'the Hetzner API token', { field: 'APIToken' }),
    param('state', 'str', '`running`, `off` or `absent`'),
    param('allowrebuild', 'str', 'when a rebuild is allowed: `ignore`, `ifneeded` or empty', { field: 'AllowRebuild' }),
    param('servertype', 'str', 'the server type (`cx33`)', { field: 'ServerType' }),
    param('datacenter', 'str', 'the datacenter (`fsn1-dc14`)'),
    param('image', 'str', 'the OS image (`debian-13`)'),
    param('userdata', 'str', 'cloud-init user data', { field: 'UserData' }),
    param('serverrescuemode', 'str', 'boot into this rescue system (`linux64`)', { field: 'ServerRescueMode' }),
    param('serverrescuekeys', '[]str', 'SSH key names for the rescue system', { field: 'ServerRescueKeys' }),
    param('waitinterval', 'int', 'seconds between API polls while waiting', { field: 'WaitInterval' }),
    param('waittimeout', 'int', 'seconds to wait for an action before failing', { field: 'WaitTimeout' }),
  ],
};
