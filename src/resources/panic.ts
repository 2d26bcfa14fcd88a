// _panic: the internal kind a `panic(…)` call produces; users cannot write it.

import type { KindDef } from './kind.js';

export const kind: KindDef = {
  kind: '_panic',
  doc: 'Internal: made by `panic(…)` to stop the graph; it cannot be written in mcl.',
  params: [],
};
