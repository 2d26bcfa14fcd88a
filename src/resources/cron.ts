// cron: a systemd timer: runs the service of the same name on a schedule.

import type { KindDef, ResourceSpec } from './kind.js';
import { getStr, param } from './common.js';
import { CronResource } from './cron/resource.js';

const TRIGGERS = ['OnCalendar', 'OnActiveSec', 'OnBootSec', 'OnStartupSec', 'OnUnitActiveSec', 'OnUnitInactiveSec'];

export const kind: KindDef = {
  kind: 'cron',
  doc: 'A systemd timer: runs the service of the same name on a schedule.',
  params: [
    param('unit', 'str', 'the unit the timer triggers; default: `NAME.service`'),
    param('state', 'str', '`exists` or `absent`'),
    param('startup', 'str', '`enabled`, `disabled`, or empty'),
    param('session', 'bool', 'a user (session) timer; default false'),
    param('trigger', 'str', '`OnCalendar`, `OnActiveSec`, `OnBootSec`, `OnStartupSec`, `OnUnitActiveSec` or `OnUnitInactiveSec`'),
    param('time', 'str', 'the trigger\'s value: a calendar spec or a time span'),
    param('accuracysec', 'str', 'the timer\'s accuracy (systemd AccuracySec)', { field: 'AccuracySec' }),
    param('randomizeddelaysec', 'str', 'a random delay added to each run (systemd RandomizedDelaySec)', { field: 'RandomizedDelaySec' }),
    param('persistent', 'bool', 'catch up on runs missed while off; default false'),
    param('wakesystem', 'bool', 'wake the system from suspend to run; default false', { field: 'WakeSystem' }),
    param('remainafterelapse', 'bool', 'keep the timer loaded after it elapsed; default true upstream', { field: 'RemainAfterElapse' }),
    param('description', 'str', 'the timer unit\'s description'),
  ],
  recv: true,
  validate(res: ResourceSpec) {
    const state = getStr(res, 'state');
    if (!['exists', 'absent', ''].includes(state)) return 'state must be exists, absent or empty';
    const startup = getStr(res, 'startup');
    if (!['enabled', 'disabled', ''].includes(startup)) return 'startup must be enabled, disabled or empty';
    const trigger = getStr(res, 'trigger');
    if (trigger !== '' && !TRIGGERS.includes(trigger)) return `invalid trigger: ${trigger}`;
    if (trigger === '' && getStr(res, 'time') !== '') return 'a time needs a trigger';
    return undefined;
  },
  // The timer drives the service of the same unit: svc → cron, or cron → svc when removing.
  autoEdges(res) {
    const unit = getStr(res, 'unit') || res.name;
    const svc = unit.endsWith('.service') ? unit.slice(0, -'.service'.length) : unit;
    const direction = getStr(res, 'state') === 'absent' ? ('after-me' as const) : ('before-me' as const);
    return [{ uids: [{ kind: 'svc', key: svc }], direction, firstOnly: true }];
  },
  create: (spec) => new CronResource(spec),
};
