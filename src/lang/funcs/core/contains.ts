// contains: list membership by deep equality; what `a in b` means.

import type { FuncDef } from '../registry.js';
import { valueEqual } from '../../types/value.js';
import type { Value } from '../../types/value.js';

export const contains: FuncDef = {
  name: 'contains',
  sig: 'func(needle ?t, haystack []?t) bool',
  fn: ([needle, haystack]) => (haystack as Value[]).some((x) => valueEqual(x, needle)),
  doc: 'True when needle is an element of the haystack list.',
};
