// strings.has_suffix: suffix test.

import type { FuncDef } from '../registry.js';

export const hasSuffix: FuncDef = {
  name: 'has_suffix',
  sig: 'func(s str, suffix str) bool',
  fn: ([s, p]) => (s as string).endsWith(p as string),
  doc: 'True when s ends with suffix.',
};
