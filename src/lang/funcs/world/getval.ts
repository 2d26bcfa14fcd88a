// world.getval: a key of the shared key/value store (the World), re-emitted
// whenever it changes. Without a World (`mgmt graph`) the key does not exist.

import type { FuncDef, StreamContext } from '../registry.js';
import { StructValue } from '../../types/value.js';
import type { Value } from '../../types/value.js';

function run(args: Value[], ctx: StreamContext): void {
  const key = args[0] as string;
  const world = ctx.env.world;
  if (!world) {
    ctx.emit(new StructValue([['value', ''], ['exists', false]]));
    return;
  }
  const read = () =>
    void world.get(key).then(
      (v) => ctx.emit(new StructValue([['value', v ?? ''], ['exists', v !== undefined]])),
      (e: Error) => ctx.fail(e),
    );
  read();
  const stop = world.watch(key, read);
  ctx.signal.addEventListener('abort', stop, { once: true });
}

export const getval: FuncDef = {
  name: 'getval',
  effect: 'world',
  sig: 'func(key str) struct{value str; exists bool}',
  stream: run,
  doc: 'The value of a key in the shared World store (as kv resources set it), and whether it exists.',
};
