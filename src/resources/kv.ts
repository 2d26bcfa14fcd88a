// kv: sets (or deletes) a key in the world's shared key-value store.

import type { KindDef, ResourceSpec } from './kind.js';
import type { Resource, ResourceRuntime } from '../engine/resource.js';
import { getBool, getInt, getStr, getStrPtr, param } from './common.js';
import { untilAborted } from './file/watch.js';
import { mappedKey } from '../world/keys.js';

export const kind: KindDef = {
  kind: 'kv',
  doc: 'Sets a key in the shared world key-value store to a value, or deletes it when no value is given.',
  params: [
    param('key', 'str', 'the key; default: the resource name'),
    param('value', 'str', 'the value to store; unset deletes the key', { ptr: true }),
    param('mapped', 'bool', 'store the value under this host only (a per-host map); default false'),
    param('skiplessthan', 'bool', 'do not replace a stored value that compares greater; default false', { field: 'SkipLessThan' }),
    param('skipcmpstyle', 'int', 'how skiplessthan compares: 0 as ints, 1 as strings; default 0', { field: 'SkipCmpStyle' }),
  ],
  recv: true,
  validate(res: ResourceSpec) {
    if (getStr(res, 'key', res.name) === '') return 'key must not be empty';
    const style = getInt(res, 'skipcmpstyle');
    if (style !== 0n && style !== 1n) return `the SkipCmpStyle of ${style} is invalid`;
    return undefined;
  },
  create: (spec) => new KvResource(spec),
};

/**
 * Watches its key in the World (someone else may change it) and sets it to
 * `value`, or deletes it when value is unset. `mapped` keeps one value per
 * host under the key (what world.kvlookup reads). With `skiplessthan`, a
 * stored value that is not less than ours is left alone (compared as
 * integers, or as strings with skipcmpstyle 1).
 */
export class KvResource implements Resource {
  constructor(public spec: ResourceSpec) {}

  async init(_rt: ResourceRuntime): Promise<void> {}

  async watch(rt: ResourceRuntime): Promise<void> {
    const stop = rt.world.watch(this.storeKey(rt), () => rt.event());
    try {
      rt.running();
      await untilAborted(rt.signal);
    } finally {
      stop();
    }
  }

  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    const key = this.storeKey(rt);
    const want = getStrPtr(this.spec, 'value');
    const have = await rt.world.get(key);
    if (want === undefined) {
      if (have === undefined) return true;
      if (!apply) return false;
      await rt.world.delete(key);
      rt.log.info(`key \`${key}\` deleted`);
      return false;
    }
    if (have === want) return true;
    if (have !== undefined && getBool(this.spec, 'skiplessthan') && !this.isGreater(want, have)) return true;
    if (!apply) return false;
    await rt.world.set(key, want);
    rt.log.info(`key \`${key}\` set to \`${want}\``);
    return false;
  }

  async cleanup(): Promise<void> {}

  // ---- private helpers ------------------------------------------------------

  private storeKey(rt: ResourceRuntime): string {
    const key = getStr(this.spec, 'key') || this.spec.name;
    return getBool(this.spec, 'mapped') ? mappedKey(key, rt.hostname) : key;
  }

  /** Whether `want` should replace `have` under skiplessthan. A stored value that is not an int is replaced. */
  private isGreater(want: string, have: string): boolean {
    if (getInt(this.spec, 'skipcmpstyle') === 1n) return want > have;
    const w = toInt(want);
    if (w === undefined) throw new Error(`the value \`${want}\` is not an integer (skipcmpstyle 0 compares integers)`);
    const h = toInt(have);
    return h === undefined || w > h;
  }
}

function toInt(s: string): bigint | undefined {
  return /^[-+]?\d+$/.test(s.trim()) ? BigInt(s.trim()) : undefined;
}
