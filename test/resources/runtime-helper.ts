// A ResourceRuntime for driving one resource through the contract in tests:
// a real AbortController, a log collector, counters for event()/running(),
// the values it sent, and a switch for a pending refresh. It implements the
// contract's side of the runtime, not the engine's scheduling.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Resource, ResourceRuntime } from '../../src/engine/resource.js';
import type { Value } from '../../src/lang/types/value.js';
import type { Logger } from '../../src/util/log.js';
import { EmbeddedWorld } from '../../src/world/embedded.js';
import type { World } from '../../src/world/world.js';

export interface TestRuntime {
  rt: ResourceRuntime;
  ctl: AbortController;
  /** Every log line, `level: message`, info without the level. */
  logs: string[];
  events: number;
  running: number;
  sent: Record<string, Value>[];
  /** Make the next refresh() answer true (once). */
  refreshPending: boolean;
  world: World;
  dir: string;
  /** Wait until `cond` holds (polling), or fail after `ms`. */
  until(cond: () => boolean, ms?: number, what?: string): Promise<void>;
  dispose(): void;
}

export function tempDir(prefix = 'mgmt-res-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function makeRuntime(opts: { world?: World; hostname?: string } = {}): TestRuntime {
  const dir = tempDir('mgmt-rt-');
  const ctl = new AbortController();
  const t: TestRuntime = {
    ctl,
    logs: [],
    events: 0,
    running: 0,
    sent: [],
    refreshPending: false,
    world: opts.world ?? new EmbeddedWorld(),
    dir,
    rt: undefined as unknown as ResourceRuntime,
    async until(cond, ms = 15_000, what = 'condition') {
      const end = Date.now() + ms;
      while (!cond()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    dispose() {
      ctl.abort();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const logger = (prefix: string): Logger => ({
    debug: (m) => t.logs.push(`debug: ${prefix}${m}`),
    info: (m) => t.logs.push(`${prefix}${m}`),
    warn: (m) => t.logs.push(`warn: ${prefix}${m}`),
    error: (m) => t.logs.push(`error: ${prefix}${m}`),
    child: (p) => logger(`${prefix}${p}: `),
  });
  t.rt = {
    log: logger(''),
    signal: ctl.signal,
    event: () => void t.events++,
    running: () => void t.running++,
    stateDir: join(dir, 'state'),
    world: t.world,
    hostname: opts.hostname ?? 'h1',
    refresh: () => {
      const r = t.refreshPending;
      t.refreshPending = false;
      return r;
    },
    send: (v) => void t.sent.push(v),
  };
  return t;
}

/**
 * Start `res.watch` in the background and wait until it says it is running.
 * Returns `{ done }` (not the promise itself, which `await` would adopt).
 */
export async function startWatch(t: TestRuntime, res: Resource): Promise<{ done: Promise<void> }> {
  const done = res.watch(t.rt);
  done.catch(() => undefined);
  await Promise.race([t.until(() => t.running > 0, 5000, 'running()'), done.then(() => Promise.reject(new Error('watch ended early')))]);
  return { done };
}
