// world.schedule: the hosts the cluster scheduler picked for a namespace.
//
// The World store is not wired to functions yet: until it is, this emits an
// empty list once and waits.

import type { FuncDef, StreamContext } from '../registry.js';

function run(_args: unknown[], ctx: StreamContext): void {
  ctx.emit([]);
}

export const schedule: FuncDef = {
  name: 'schedule',
  effect: 'world',
  sig: 'func(namespace str) []str',
  stream: run,
  doc: 'The hosts scheduled for a namespace (not wired to the World store yet: always empty).',
};
