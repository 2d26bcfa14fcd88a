// world/collect.res: the exported resources of a kind, from every host.
//
// Exported resources live in the World store, which is not wired to
// functions yet: until it is, this emits an empty list once and waits.

import type { FuncDef, StreamContext } from '../../registry.js';

function run(_args: unknown[], ctx: StreamContext): void {
  ctx.emit([]);
}

export const res: FuncDef = {
  name: 'res',
  effect: 'world',
  sig: 'func(kind str) []struct{name str; host str}',
  stream: run,
  doc: 'The name and exporting host of every exported resource of a kind (not wired to the World store yet: always empty).',
};
