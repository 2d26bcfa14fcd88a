// convert.format_bool: a bool as "true" or "false".

import type { FuncDef } from '../registry.js';

export const formatBool: FuncDef = {
  name: 'format_bool',
  sig: 'func(a bool) str',
  fn: ([a]) => (a ? 'true' : 'false'),
  doc: 'The bool as the string "true" or "false".',
};
