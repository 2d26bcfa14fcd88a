// strings.contains: substring test.

import type { FuncDef } from '../registry.js';

export const contains: FuncDef = {
  name: 'contains',
  sig: 'func(s str, substr str) bool',
  fn: ([s, sub]) => (s as string).includes(sub as string),
  doc: 'True when substr occurs within s.',
};
