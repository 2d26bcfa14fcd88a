// strings.has_prefix: prefix test.

import type { FuncDef } from '../registry.js';

export const hasPrefix: FuncDef = {
  name: 'has_prefix',
  sig: 'func(s str, prefix str) bool',
  fn: ([s, p]) => (s as string).startsWith(p as string),
  doc: 'True when s begins with prefix.',
};
