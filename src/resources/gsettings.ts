// gsettings: sets a GSettings (dconf) key (name: `SCHEMA KEY` by default).

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'gsettings',
  doc: 'Sets a GSettings (dconf) key (name: `SCHEMA KEY` by default).',
  params: [
    param('schema', 'str', 'the schema; default: the first word of the name'),
    param('key', 'str', 'the key; default: the second word of the name'),
    param('type', 'str', 'how to encode value: `bool`, `int`, `str`… or `custom` (a GVariant text)'),
    param('value', 'variant', 'the value, of any type'),
    param('user', 'str', 'set it for this user; default: the current one'),
    param('group', 'str', 'the group to run as'),
  ],
};
