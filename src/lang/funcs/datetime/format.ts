// datetime.format: a Unix time formatted with a Go reference layout.

import type { FuncDef } from '../registry.js';
import { goFormat, localTime } from './go-time.js';

export const format: FuncDef = {
  name: 'format',
  sig: 'func(a int, b str) str',
  fn: ([a, b]) => goFormat(localTime(a as bigint), b as string),
  doc: 'The Unix time in the local zone formatted with a Go layout such as "2006-01-02 15:04:05".',
};
