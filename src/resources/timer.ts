// timer: emits an event every interval, to drive refreshes downstream.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'timer',
  doc: 'Emits an event every `interval` seconds, notifying what follows it.',
  params: [param('interval', 'int', 'seconds between events', { int: 'uint32' })],
};
