// timer: emits an event every interval, to drive refreshes downstream.

import type { KindDef, ResourceSpec } from './kind.js';
import type { Resource, ResourceRuntime } from '../engine/resource.js';
import { getInt, param } from './common.js';
import { untilAborted } from './file/watch.js';

export const kind: KindDef = {
  kind: 'timer',
  doc: 'Emits an event every `interval` seconds, notifying what follows it.',
  params: [param('interval', 'int', 'seconds between events', { int: 'uint32' })],
  create: (spec) => new TimerResource(spec),
};

/**
 * Watch ticks every interval and sends an event; the CheckApply after a tick
 * returns false ("changed"), so notify edges from it carry a refresh. A
 * refresh arriving at the timer restarts its interval.
 */
export class TimerResource implements Resource {
  private fired = false;
  private restart: (() => void) | undefined;
  constructor(public spec: ResourceSpec) {}

  async init(_rt: ResourceRuntime): Promise<void> {}

  async watch(rt: ResourceRuntime): Promise<void> {
    const seconds = Number(getInt(this.spec, 'interval'));
    if (!(seconds > 0)) throw new Error(`the Interval must be at least 1 second, got ${seconds}`);
    const tick = () => {
      this.fired = true;
      rt.event();
    };
    let timer = setInterval(tick, seconds * 1000);
    this.restart = () => {
      clearInterval(timer);
      timer = setInterval(tick, seconds * 1000);
    };
    try {
      rt.running();
      await untilAborted(rt.signal);
    } finally {
      clearInterval(timer);
      this.restart = undefined;
    }
  }

  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    if (rt.refresh() && apply) this.restart?.();
    if (!this.fired) return true;
    if (apply) this.fired = false;
    return false;
  }

  async cleanup(): Promise<void> {}
}
