// world.kvlookup: per-host values that `kv` resources with `mapped => true`
// published under a namespace.
//
// The World store is not wired to functions yet: until it is, this emits an
// empty map once and waits.

import type { FuncDef, StreamContext } from '../registry.js';
import { MapValue } from '../../types/value.js';

function run(_args: unknown[], ctx: StreamContext): void {
  ctx.emit(new MapValue());
}

export const kvlookup: FuncDef = {
  name: 'kvlookup',
  sig: 'func(namespace str) map{str: str}',
  stream: run,
  doc: 'Hostname to value for the mapped kv resources of a namespace (not wired to the World store yet: always empty).',
};
