// list.concat: variadic list concatenation. Variadic functions don't exist in
// the type system, so it is an overload set of 1..8 lists of one element type.

import type { FuncDef } from '../registry.js';
import type { Value } from '../../types/value.js';

const MAX_ARGS = 8;

function sigs(): string[] {
  const out: string[] = [];
  for (let n = 1; n <= MAX_ARGS; n++) {
    const args = Array.from({ length: n }, (_, i) => `l${i + 1} []?t`).join(', ');
    out.push(`func(${args}) []?t`);
  }
  return out;
}

export const concat: FuncDef = {
  name: 'concat',
  sig: sigs(),
  fn: (args) => (args as Value[][]).flat(1),
  doc: 'The concatenation of one or more lists of the same type, in order.',
};
