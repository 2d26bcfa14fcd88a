// world.kvlookup: hostname → value of the `kv` resources with
// `mapped => true` in a namespace, re-emitted whenever one changes. Without a
// World (`mgmt graph`) the map is empty.

import type { FuncDef, StreamContext } from '../registry.js';
import { MapValue } from '../../types/value.js';
import type { Value } from '../../types/value.js';
import { mappedPrefix } from '../../../world/keys.js';

function run(args: Value[], ctx: StreamContext): void {
  const world = ctx.env.world;
  if (!world) {
    ctx.emit(new MapValue());
    return;
  }
  const prefix = mappedPrefix(args[0] as string);
  const read = () =>
    void world.list(prefix).then(
      (kv) => ctx.emit(MapValue.from([...kv].map(([k, v]): [Value, Value] => [k.slice(prefix.length), v]))),
      (e: Error) => ctx.fail(e),
    );
  read();
  const stop = world.watch(prefix, read);
  ctx.signal.addEventListener('abort', stop, { once: true });
}

export const kvlookup: FuncDef = {
  name: 'kvlookup',
  effect: 'world',
  sig: 'func(namespace str) map{str: str}',
  stream: run,
  doc: 'Hostname to value of the mapped kv resources of a namespace, from the shared World store.',
};
