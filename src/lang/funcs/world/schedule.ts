// world.schedule: the hosts the scheduler chose in a namespace, sorted, and
// again whenever the choice changes (from the World's watch). Hosts take part
// through `schedule` resources (src/world/scheduler.ts); reading does not take
// part. Without a World (`mgmt graph`) the list is empty.

import type { FuncDef, StreamContext } from '../registry.js';
import type { Value } from '../../types/value.js';
import { badNamespace } from '../../../world/scheduler.js';

function run(args: Value[], ctx: StreamContext): void {
  const namespace = args[0] as string;
  const world = ctx.env.world;
  if (!world) {
    ctx.emit([]);
    return;
  }
  const bad = badNamespace(namespace);
  if (bad) {
    ctx.fail(new Error(`world.schedule: ${bad}`));
    return;
  }
  const stop = world.scheduler.watch(namespace, (hosts) => ctx.emit([...hosts]));
  ctx.signal.addEventListener('abort', stop, { once: true });
}

export const schedule: FuncDef = {
  name: 'schedule',
  effect: 'world',
  sig: 'func(namespace str) []str',
  stream: run,
  doc: 'The hosts the cluster scheduler chose in a namespace (sorted), as `schedule` resources take part in it.',
};
