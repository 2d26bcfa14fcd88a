// svc: a systemd service: running or stopped, enabled or disabled.

import type { KindDef, ResourceSpec } from './kind.js';
import { fileUid, getBool, getStr, groupSameKind, param } from './common.js';
import { SvcResource } from './svc/resource.js';

/** Where systemd looks for the unit file, in order (user units under `session`). */
export function unitPaths(res: ResourceSpec, unit = `${res.name}.service`): string[] {
  if (getBool(res, 'session')) return [`/etc/systemd/user/${unit}`, `/usr/lib/systemd/user/${unit}`];
  return [`/etc/systemd/system/${unit}`, `/usr/lib/systemd/system/${unit}`];
}

export const kind: KindDef = {
  kind: 'svc',
  doc: 'Manages a systemd service (`NAME.service`): whether it runs and whether it starts at boot.',
  params: [
    param('state', 'str', '`running`, `stopped`, or empty (default: leave it alone)'),
    param('startup', 'str', '`enabled`, `disabled`, or empty (default: leave it alone)'),
    param('session', 'bool', 'a user (session) unit instead of a system one; default false'),
  ],
  validate(res: ResourceSpec) {
    const state = getStr(res, 'state');
    if (state !== '' && state !== 'running' && state !== 'stopped') return 'state must be running, stopped or undefined';
    const startup = getStr(res, 'startup');
    if (startup !== '' && startup !== 'enabled' && startup !== 'disabled') return 'startup must be enabled, disabled or undefined';
    return undefined;
  },
  // The unit file comes first: /etc, else /usr/lib.
  autoEdges: (res) => [{ uids: unitPaths(res).map(fileUid), direction: 'before-me', firstOnly: true }],
  groupCmp: (parent, child) => groupSameKind(parent, child) && getBool(parent, 'session') === getBool(child, 'session'),
  create: (spec) => new SvcResource(spec),
};
