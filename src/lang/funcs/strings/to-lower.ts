// strings.to_lower: lower case.

import type { FuncDef } from '../registry.js';
import { mapCase } from './case-map.js';

export const toLower: FuncDef = {
  name: 'to_lower',
  sig: 'func(a str) str',
  fn: ([a]) => mapCase(a as string, false),
  doc: 'The string in lower case.',
};
