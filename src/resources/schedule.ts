// schedule: this host takes part in a namespace of the cluster's scheduler
// (or, with withdraw, leaves it); world.schedule reads which hosts were
// chosen. The scheduler itself is the World's (src/world/scheduler*.ts).

import type { KindDef, ResourceSpec } from './kind.js';
import type { Resource, ResourceRuntime } from '../engine/resource.js';
import { getBool, getInt, getStr, getStrPtr, has, param } from './common.js';
import { untilAborted } from './file/watch.js';
import { DEFAULT_OPTIONS, badNamespace, badStrategy } from '../world/scheduler.js';
import type { ScheduleOptions } from '../world/scheduler.js';

export const kind: KindDef = {
  kind: 'schedule',
  doc: 'Puts this host into a namespace of the cluster scheduler (or takes it out); world.schedule tells which hosts were chosen.',
  params: [
    param('namespace', 'str', 'the namespace; default: the resource name'),
    param('strategy', 'str', 'how hosts are chosen: `rr` (default: hosts keep their place) or `alpha` (the first by name)', { ptr: true }),
    param('max', 'int', 'the most hosts to choose; default 1', { ptr: true }),
    param('persist', 'bool', 'stay in the namespace after this host stops or dies (no lease); default false'),
    param('ttl', 'int', 'seconds this host stays in after it dies or stops; default 10 (and, unset, none after a clean stop)', { field: 'TTL', ptr: true }),
    param('withdraw', 'bool', 'take this host out of the namespace; default false'),
  ],
  validate(res: ResourceSpec) {
    const ns = namespaceOf(res);
    if (ns === '') return 'the Namespace must not be empty';
    const bad = badNamespace(ns);
    if (bad) return bad;
    const strategy = getStrPtr(res, 'strategy');
    if (strategy !== undefined && strategy !== '' && badStrategy(strategy)) return badStrategy(strategy);
    if (getBool(res, 'persist') && has(res, 'ttl') && getInt(res, 'ttl') > 0n) return 'can\'t combine Persist with TTL';
    if (getBool(res, 'withdraw')) {
      if (has(res, 'strategy')) return 'can\'t combine Withdraw with Strategy';
      if (has(res, 'max')) return 'can\'t combine Withdraw with Max';
      if (getBool(res, 'persist')) return 'can\'t combine Withdraw with Persist';
      if (has(res, 'ttl')) return 'can\'t combine Withdraw with TTL';
    }
    return undefined;
  },
  create: (spec) => new ScheduleResource(spec),
};

function namespaceOf(res: ResourceSpec): string {
  return getStr(res, 'namespace') || res.name;
}

/** The options this resource asks for: unset and non-positive values keep the defaults, as upstream. */
function optionsOf(res: ResourceSpec): ScheduleOptions {
  const o: ScheduleOptions = { ...DEFAULT_OPTIONS };
  const strategy = getStrPtr(res, 'strategy');
  if (strategy) o.strategy = strategy;
  const max = getInt(res, 'max');
  if (max > 0n) o.max = Number(max > 1_000_000n ? 1_000_000n : max);
  o.persist = getBool(res, 'persist');
  const ttl = getInt(res, 'ttl');
  if (ttl > 0n) {
    o.ttl = Number(ttl > 86_400n ? 86_400n : ttl);
    o.lingers = true;
  }
  return o;
}

/**
 * CheckApply puts this host's entry into the namespace (or withdraws it); the
 * host is not scheduled before it has run once, so a failing dependency keeps
 * it out. Watch follows the namespace's decision, so that an entry that
 * vanished (a lease lost while etcd was away) is put back. Leaving the graph
 * does not withdraw (as upstream): the entry goes when the agent stops, or
 * use `withdraw => true`.
 */
export class ScheduleResource implements Resource {
  constructor(public spec: ResourceSpec) {}

  async init(_rt: ResourceRuntime): Promise<void> {}

  async watch(rt: ResourceRuntime): Promise<void> {
    let first = true;
    const stop = rt.world.scheduler.watch(namespaceOf(this.spec), () => {
      if (first) first = false;
      else rt.event();
    });
    try {
      rt.running();
      await untilAborted(rt.signal);
    } finally {
      stop();
    }
  }

  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    const ns = namespaceOf(this.spec);
    if (getBool(this.spec, 'withdraw')) {
      const ok = await rt.world.scheduler.withdraw(rt.hostname, ns, apply);
      if (!ok && apply) rt.log.info('withdrawn');
      return ok;
    }
    const ok = await rt.world.scheduler.add(rt.hostname, ns, optionsOf(this.spec), apply);
    if (!ok && apply) rt.log.info('scheduled');
    return ok;
  }

  async cleanup(): Promise<void> {}
}
