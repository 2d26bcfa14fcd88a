// datetime.hour: the hour of a Unix time in the local zone.

import type { FuncDef } from '../registry.js';
import { localTime } from './go-time.js';

export const hour: FuncDef = {
  name: 'hour',
  sig: 'func(a int) int',
  fn: ([a]) => BigInt(localTime(a as bigint).hour),
  doc: 'The hour (0-23) of the Unix time in the local zone.',
};
