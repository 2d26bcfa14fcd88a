// world/collect.res: the name and exporting host of every resource of a kind
// exported to this host (or to all), from the World; a new list whenever an
// export of that kind changes anywhere. Without a World (`mgmt graph`), empty.

import type { FuncDef } from '../../registry.js';
import { StructValue } from '../../../types/value.js';
import { streamExports } from './source.js';

export const res: FuncDef = {
  name: 'res',
  effect: 'world',
  sig: 'func(kind str) []struct{name str; host str}',
  stream: (args, ctx) => streamExports(args[0] as string, ctx, (r) => new StructValue([['name', r.name], ['host', r.host]])),
  doc: 'The name and exporting host of every resource of a kind exported to this host (or to all), from the World store.',
};
