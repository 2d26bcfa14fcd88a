// world.getval: a key of the cluster-wide key/value store.
//
// The World store is not wired to functions yet: until it is, this emits
// "does not exist" (empty value, exists false) once and waits.

import type { FuncDef, StreamContext } from '../registry.js';
import { StructValue } from '../../types/value.js';

function run(_args: unknown[], ctx: StreamContext): void {
  ctx.emit(new StructValue([['value', ''], ['exists', false]]));
}

export const getval: FuncDef = {
  name: 'getval',
  sig: 'func(key str) struct{value str; exists bool}',
  stream: run,
  doc: 'The value of a key in the cluster store (not wired to the World store yet: always exists false).',
};
