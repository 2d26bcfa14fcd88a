// sys.env: the whole environment of the mgmt process.

import type { FuncDef } from '../registry.js';
import { MapValue } from '../../types/value.js';

export const env: FuncDef = {
  name: 'env',
  sig: 'func() map{str: str}',
  fn: () => {
    const m = new MapValue();
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) m.set(k, v);
    return m;
  },
  doc: 'All environment variables of the mgmt process as a map.',
};
