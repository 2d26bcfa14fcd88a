// value: stores a value of any type and forwards it over send/recv; the
// `value.get*` functions read it back into the program.

import type { KindDef, ResourceSpec } from './kind.js';
import type { Resource, ResourceRuntime } from '../engine/resource.js';
import { formatValue, valueEqual } from '../lang/types/value.js';
import { param } from './common.js';
import { watchNothing } from './file/watch.js';

export const kind: KindDef = {
  kind: 'value',
  doc: 'Stores a value of any type and sends it on as `any`; read it with `value.get_str` and friends.',
  params: [param('any', 'variant', 'the stored value, of any type; default: unset')],
  sends: [{ key: 'any', type: 'variant', goKind: 'interface' }],
  recv: true,
  // Never grouped: each value is read by its own name.
  groupCmp: () => false,
  create: (spec) => new ValueResource(spec),
};

/**
 * Keeps `any` in the World's localValues under the resource's name (unset
 * removes it) and sends it as `any`. In state when the stored value already
 * equals it.
 */
export class ValueResource implements Resource {
  constructor(public spec: ResourceSpec) {}

  async init(_rt: ResourceRuntime): Promise<void> {}

  watch(rt: ResourceRuntime): Promise<void> {
    return watchNothing(rt);
  }

  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    const store = rt.world.localValues;
    const want = this.spec.params.get('any');
    const have = store.get(this.spec.name);
    if (want === undefined) {
      if (!store.has(this.spec.name)) return true;
      if (!apply) return false;
      rt.world.setLocal(this.spec.name, undefined);
      rt.log.info('value removed');
      return false;
    }
    rt.send({ any: want });
    if (have !== undefined && valueEqual(have, want)) return true;
    if (!apply) return false;
    rt.world.setLocal(this.spec.name, want);
    rt.log.info(`value set to ${formatValue(want)}`);
    return false;
  }

  async cleanup(): Promise<void> {}
}
