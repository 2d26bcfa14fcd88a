// example.plus: joins two strings.

import type { FuncDef } from '../registry.js';

export const plus: FuncDef = {
  name: 'plus',
  sig: 'func(y str, z str) str',
  fn: ([y, z]) => (y as string) + (z as string),
  doc: 'The two strings joined together.',
};
