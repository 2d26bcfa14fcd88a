// strings.to_upper: upper case.

import type { FuncDef } from '../registry.js';
import { mapCase } from './case-map.js';

export const toUpper: FuncDef = {
  name: 'to_upper',
  sig: 'func(a str) str',
  fn: ([a]) => mapCase(a as string, true),
  doc: 'The string in upper case.',
};
