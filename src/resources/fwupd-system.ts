// fwupd:system: keeps every updatable device at its newest firmware through fwupd.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'fwupd:system',
  doc: 'Keeps every updatable device at its newest firmware through fwupd.',
  params: [
    param('state', 'str', '`newest`'),
    param('exclude', '[]str', 'device ids or GUIDs to leave alone'),
  ],
};
