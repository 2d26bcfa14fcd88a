// exit: makes mgmt exit with a code once the graph converges here.

import type { KindDef, ResourceSpec } from './kind.js';
import { ExitRequest, type Resource, type ResourceRuntime } from '../engine/resource.js';
import { getInt, param } from './common.js';
import { watchNothing } from './file/watch.js';

export const kind: KindDef = {
  kind: 'exit',
  doc: 'Makes mgmt exit with a code once the graph converges here.',
  params: [
    param('code', 'int', 'the exit code; default 0'),
  ],
  create: (spec) => new ExitResource(spec),
};

/** Applying it throws ExitRequest: the engine stops the graph and exits with the code. Noop only reports. */
export class ExitResource implements Resource {
  constructor(public spec: ResourceSpec) {}
  async init(_rt: ResourceRuntime): Promise<void> {}
  watch(rt: ResourceRuntime): Promise<void> {
    return watchNothing(rt);
  }
  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    if (!apply) return false;
    const code = Number(getInt(this.spec, 'code'));
    rt.log.info(`exiting with code ${code}`);
    throw new ExitRequest(code);
  }
  async cleanup(): Promise<void> {}
}
