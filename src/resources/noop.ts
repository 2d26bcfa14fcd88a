// noop: does nothing; useful as an anchor for edges.

import type { KindDef, ResourceSpec } from './kind.js';
import type { Resource, ResourceRuntime } from '../engine/resource.js';
import { groupSameKind, param } from './common.js';
import { watchNothing } from './file/watch.js';

export const kind: KindDef = {
  kind: 'noop',
  doc: 'Does nothing; an anchor for edges and notifications.',
  params: [param('comment', 'str', 'free text, ignored')],
  groupCmp: groupSameKind,
  create: (spec) => new NoopResource(spec),
};

/** Always in state; a refresh is only logged. */
export class NoopResource implements Resource {
  constructor(public spec: ResourceSpec) {}
  async init(_rt: ResourceRuntime): Promise<void> {}
  watch(rt: ResourceRuntime): Promise<void> {
    return watchNothing(rt);
  }
  async checkApply(rt: ResourceRuntime, _apply: boolean): Promise<boolean> {
    if (rt.refresh()) rt.log.info('received a notification');
    return true;
  }
  async cleanup(): Promise<void> {}
}
