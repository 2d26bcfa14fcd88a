// The running svc resource: Watch and CheckApply for `NAME.service` through
// systemd's D-Bus API (the system manager, or the user manager with
// `session`). Every call has a timeout; a bus that is down, a unit that does
// not exist and a job that fails are errors the engine retries per the meta
// params.

import type { Resource, ResourceRuntime } from '../../engine/resource.js';
import type { ResourceSpec } from '../kind.js';
import { getBool, getStr } from '../common.js';
import { Systemd } from './systemd.js';
import { watchUnit } from './watch.js';

/** ActiveStates in which the service counts as running (a start is already under way when activating). */
const RUNNING = new Set(['active', 'activating', 'reloading']);

export class SvcResource implements Resource {
  private sd: Systemd | undefined;
  private connecting: Promise<Systemd> | undefined;

  constructor(public spec: ResourceSpec) {}

  get unit(): string {
    return `${this.spec.name}.service`;
  }
  private get kind(): 'system' | 'session' {
    return getBool(this.spec, 'session') ? 'session' : 'system';
  }

  /** The shared connection, made again after the bus went away. */
  private async systemd(): Promise<Systemd> {
    if (this.sd && !this.sd.bus.isClosed) return this.sd;
    this.sd?.close();
    this.sd = undefined;
    this.connecting ??= Systemd.connect(this.kind).finally(() => (this.connecting = undefined));
    this.sd = await this.connecting;
    return this.sd;
  }

  async init(_rt: ResourceRuntime): Promise<void> {
    // Nothing to open yet: a bus that is down must be a retried Watch or
    // CheckApply error, not a failure to start.
  }

  /**
   * Events: the unit's own state changes (started, stopped, killed, failed),
   * jobs on it, unit files changing on disk and daemon reloads.
   */
  async watch(rt: ResourceRuntime): Promise<void> {
    await watchUnit(await this.systemd(), this.unit, rt);
  }

  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    const state = getStr(this.spec, 'state');
    const startup = getStr(this.spec, 'startup');
    const refresh = rt.refresh();
    if (state === '' && startup === '') return true;
    const sd = await this.systemd();
    const st = await sd.status(this.unit);
    if (st.loadState === 'not-found') throw new Error(`the unit \`${this.unit}\` does not exist (no unit file on the ${this.kind} manager's path)`);
    if (st.loadState !== 'loaded') throw new Error(`the unit \`${this.unit}\` could not be loaded: LoadState=${st.loadState}`);
    let ok = true;

    if (startup !== '') {
      const fileState = await sd.unitFileState(this.unit);
      if (!(await sd.checkStartup(this.unit, startup, fileState, apply, rt.log))) ok = false;
    }

    if (state === 'running') {
      if (!RUNNING.has(st.activeState)) {
        ok = false;
        if (apply) {
          await this.runJob(rt, sd, 'StartUnit');
          rt.log.info(`started (was ${st.activeState}${st.result && st.result !== 'success' ? `, last result ${st.result}` : ''})`);
        }
      } else if (refresh) {
        ok = false;
        if (apply) {
          await this.runJob(rt, sd, 'RestartUnit');
          rt.log.info('restarted (refresh)');
        }
      }
    } else if (state === 'stopped') {
      if (RUNNING.has(st.activeState) || st.activeState === 'deactivating') {
        ok = false;
        if (apply) {
          await this.runJob(rt, sd, 'StopUnit');
          rt.log.info('stopped');
        }
      }
    }
    return ok;
  }

  /** Run a job to its end; a job that is not `done`, or a unit that died at once, is an error. */
  private async runJob(rt: ResourceRuntime, sd: Systemd, member: 'StartUnit' | 'StopUnit' | 'RestartUnit'): Promise<void> {
    const result = await sd.job(member, this.unit);
    const st = await sd.status(this.unit);
    if (result !== 'done') {
      throw new Error(`${member} ${this.unit}: the job ended with \`${result}\` (ActiveState=${st.activeState}, Result=${st.result || 'unknown'})`);
    }
    if (member !== 'StopUnit' && st.activeState === 'failed') {
      throw new Error(`${member} ${this.unit}: the unit failed right after starting (Result=${st.result || 'unknown'})`);
    }
    rt.log.debug(`${member}: ${result}, now ${st.activeState}/${st.subState}`);
  }

  async cleanup(): Promise<void> {
    this.sd?.close();
    this.sd = undefined;
  }
}
