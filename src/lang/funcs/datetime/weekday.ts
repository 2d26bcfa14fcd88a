// datetime.weekday: the lowercase English weekday of a Unix time in the local zone.

import type { FuncDef } from '../registry.js';
import { localTime, weekdayName } from './go-time.js';

export const weekday: FuncDef = {
  name: 'weekday',
  sig: 'func(a int) str',
  fn: ([a]) => weekdayName(localTime(a as bigint)).toLowerCase(),
  doc: 'The weekday of the Unix time in the local zone, in lowercase English ("friday").',
};
