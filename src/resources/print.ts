// print: logs a message when applied. Prints group together unless either
// only acts on refresh.

import type { KindDef, ResourceSpec } from './kind.js';
import type { Resource, ResourceRuntime } from '../engine/resource.js';
import { getBool, getStr, groupSameKind, param } from './common.js';
import { watchNothing } from './file/watch.js';

export const kind: KindDef = {
  kind: 'print',
  doc: 'Logs a message each time it is applied.',
  params: [
    param('msg', 'str', 'the message to log; default: empty'),
    param('refresh_only', 'bool', 'only print when a refresh notification arrives; default false'),
  ],
  recv: true,
  groupCmp: (parent, child) => groupSameKind(parent, child) && !getBool(parent, 'refresh_only') && !getBool(child, 'refresh_only'),
  groupParent: (res) => !getBool(res, 'refresh_only'),
  create: (spec) => new PrintResource(spec),
};

/**
 * Logs `Msg: <msg>` once, then is in state until a refresh arrives or the
 * message changes (a recv can change it). With refresh_only, only a refresh
 * prints.
 */
export class PrintResource implements Resource {
  private printed: string | undefined;
  constructor(public spec: ResourceSpec) {}
  async init(_rt: ResourceRuntime): Promise<void> {}
  watch(rt: ResourceRuntime): Promise<void> {
    return watchNothing(rt);
  }
  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    const refresh = rt.refresh();
    if (getBool(this.spec, 'refresh_only') && !refresh) return true;
    const msg = getStr(this.spec, 'msg');
    if (!refresh && this.printed === msg) return true;
    rt.log.info(`Msg: ${msg}`);
    this.printed = msg;
    // Printing changes nothing on the machine, so noop prints too, and does
    // not claim to be out of state (nor pokes anything: a noop run pokes nothing).
    return !apply;
  }
  async cleanup(): Promise<void> {}
}
