// datetime.print: Go's time.Time String() of a Unix time, in the local zone.

import type { FuncDef } from '../registry.js';
import { goTimeString, localTime } from './go-time.js';

export const print: FuncDef = {
  name: 'print',
  sig: 'func(a int) str',
  fn: ([a]) => goTimeString(localTime(a as bigint)),
  doc: 'The Unix time as text in the local zone, e.g. "2009-11-10 23:00:00 +0000 UTC".',
};
