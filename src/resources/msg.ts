// msg: sends a message to the systemd journal and/or syslog.

import type { KindDef, ResourceSpec } from './kind.js';
import { getStrMap, getStr, param } from './common.js';

const PRIORITIES = ['Emerg', 'Alert', 'Crit', 'Err', 'Warning', 'Notice', 'Info', 'Debug'];

export const kind: KindDef = {
  kind: 'msg',
  doc: 'Writes a message to the systemd journal and/or syslog when applied.',
  params: [
    param('body', 'str', 'the message text'),
    param('priority', 'str', `one of ${PRIORITIES.join(', ')}; required (the empty default is invalid)`),
    param('fields', 'map{str: str}', 'extra journal fields; keys use [A-Za-z0-9_] and must not start with `_`'),
    param('journal', 'bool', 'send to the systemd journal; default false'),
    param('syslog', 'bool', 'send to syslog; default false'),
  ],
  validate(res: ResourceSpec) {
    for (const key of getStrMap(res, 'fields').keys()) {
      if (/[^a-zA-Z0-9_]/.test(key)) return `invalid character in field ${key}`;
      if (key.startsWith('_')) return 'fields cannot begin with _';
    }
    if (!PRIORITIES.includes(getStr(res, 'priority'))) return 'invalid priority';
    return undefined;
  },
};
