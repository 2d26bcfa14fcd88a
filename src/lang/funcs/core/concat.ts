// concat: string concatenation (string interpolation desugars to it).

import type { FuncDef } from '../registry.js';

export const concat: FuncDef = {
  name: 'concat',
  sig: 'func(a str, b str) str',
  fn: ([a, b]) => (a as string) + (b as string),
  doc: 'The concatenation of two strings.',
};
