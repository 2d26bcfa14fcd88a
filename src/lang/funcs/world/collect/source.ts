// The exported resources of a kind meant for this host, as a stream: read
// from the World, and read again whenever an export of that kind changes
// anywhere. `collect KIND NAME {…}` is fed by `_collect(KIND)` (an internal
// function SetScope adds; users cannot name it), collect.res by the same.

import type { StreamContext } from '../../registry.js';
import { StructValue } from '../../../types/value.js';
import type { Value } from '../../../types/value.js';
import { exportedPrefix } from '../../../../world/keys.js';
import type { ExportedResource } from '../../../../world/world.js';
import type { FuncDef } from '../../registry.js';
import { WORLD_PATIENCE_MS, patiently } from '../../../../world/resources.js';

/** Emit `shape(list)` now and after every change of the kind's exports; without a World, an empty list. */
export function streamExports(kind: string, ctx: StreamContext, shape: (r: ExportedResource) => Value): void {
  const world = ctx.env.world;
  if (!world) {
    ctx.emit([]);
    return;
  }
  let seq = 0;
  let first = true;
  // One read in flight and at most one more asked for: a burst of export
  // events (a deploy on many hosts) costs two reads, not one per event.
  let reading = false;
  let again = false;
  const read = (): void => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    again = false;
    const mine = ++seq;
    // The first read may not wait forever on an unreachable etcd: the program runs without
    // collected resources meanwhile, and the late answer is a new value.
    const answer = world.collectResources(kind, ctx.env.hostname);
    const p = first ? patiently(answer, WORLD_PATIENCE_MS, [], () => mine === seq && read()) : answer;
    first = false;
    const done = () => {
      reading = false;
      if (again && !ctx.signal.aborted) read();
    };
    void p.then(
      (list) => {
        if (mine === seq) ctx.emit(list.map(shape));
        done();
      },
      (e: Error) => {
        if (mine === seq && !again && !ctx.signal.aborted) ctx.fail(e);
        done();
      },
    );
  };
  const stop = world.watch(exportedPrefix(kind), read);
  ctx.signal.addEventListener('abort', stop, { once: true });
  read();
}

export const collectSource: FuncDef = {
  name: '_collect',
  sig: 'func(kind str) []struct{name str; host str; data str}',
  stream: (args, ctx) =>
    streamExports(args[0] as string, ctx, (r) => new StructValue([['name', r.name], ['host', r.host], ['data', JSON.stringify(r)]])),
  doc: 'Internal: the exported resources of a kind meant for this host, with their data (feeds `collect`).',
};
