// value: stores a value of any type and forwards it over send/recv; the
// `value.get*` functions read it back into the program.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'value',
  doc: 'Stores a value of any type and sends it on as `any`; read it with `value.get_str` and friends.',
  params: [param('any', 'variant', 'the stored value, of any type; default: unset')],
  sends: [{ key: 'any', type: 'variant', goKind: 'interface' }],
  recv: true,
  // Never grouped: each value is read by its own name.
  groupCmp: () => false,
};
