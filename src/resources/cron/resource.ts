// The running cron resource: a systemd timer unit `NAME.timer` that mgmt
// writes (in /etc/systemd/system, or the user's ~/.config/systemd/user with
// `session`), starts, and enables, all over systemd's D-Bus API like svc.

import { mkdir, readFile, rm } from 'node:fs/promises';
import { watch as fsWatch } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Resource, ResourceRuntime } from '../../engine/resource.js';
import type { ResourceSpec } from '../kind.js';
import { getBool, getStr, has } from '../common.js';
import { writeAtomic } from '../file/atomic.js';
import { Systemd } from '../svc/systemd.js';
import { watchUnit } from '../svc/watch.js';

const ACTIVE = new Set(['active', 'activating', 'reloading']);

/** The timer unit's text, from the params that are set. */
export function timerUnit(spec: ResourceSpec): string {
  const unit = getStr(spec, 'unit') || `${spec.name}.service`;
  const lines = ['# Written by mgmt: changes here are overwritten.', '[Unit]', `Description=${getStr(spec, 'description') || `mgmt timer for ${unit}`}`, '', '[Timer]'];
  const trigger = getStr(spec, 'trigger');
  if (trigger !== '') lines.push(`${trigger}=${getStr(spec, 'time')}`);
  if (getStr(spec, 'accuracysec') !== '') lines.push(`AccuracySec=${getStr(spec, 'accuracysec')}`);
  if (getStr(spec, 'randomizeddelaysec') !== '') lines.push(`RandomizedDelaySec=${getStr(spec, 'randomizeddelaysec')}`);
  if (getBool(spec, 'persistent')) lines.push('Persistent=true');
  if (getBool(spec, 'wakesystem')) lines.push('WakeSystem=true');
  if (has(spec, 'remainafterelapse')) lines.push(`RemainAfterElapse=${getBool(spec, 'remainafterelapse')}`);
  lines.push(`Unit=${unit}`, '', '[Install]', 'WantedBy=timers.target', '');
  return lines.join('\n');
}

export class CronResource implements Resource {
  private sd: Systemd | undefined;

  constructor(public spec: ResourceSpec) {}

  get unit(): string {
    return `${this.spec.name}.timer`;
  }
  private get session(): boolean {
    return getBool(this.spec, 'session');
  }
  /** Where the unit file goes. */
  get path(): string {
    const dir = this.session ? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'systemd/user') : '/etc/systemd/system';
    return join(dir, this.unit);
  }

  private async systemd(): Promise<Systemd> {
    if (this.sd && !this.sd.bus.isClosed) return this.sd;
    this.sd?.close();
    this.sd = await Systemd.connect(this.session ? 'session' : 'system');
    return this.sd;
  }

  async init(_rt: ResourceRuntime): Promise<void> {}

  /** The timer unit over D-Bus, and its unit file on disk (through its directory). */
  async watch(rt: ResourceRuntime): Promise<void> {
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true });
    const name = basename(this.path);
    const w = fsWatch(dir, (_ev, f) => {
      if (f === name) rt.event();
    });
    try {
      await watchUnit(await this.systemd(), this.unit, rt);
    } finally {
      w.close();
    }
  }

  async checkApply(rt: ResourceRuntime, apply: boolean): Promise<boolean> {
    const state = getStr(this.spec, 'state');
    const startup = getStr(this.spec, 'startup');
    const sd = await this.systemd();
    let ok = true;
    const current = await readFile(this.path, 'utf8').catch(() => undefined);
    if (state === 'absent') {
      const st = await sd.status(this.unit);
      if (ACTIVE.has(st.activeState)) {
        ok = false;
        if (apply) {
          const r = await sd.job('StopUnit', this.unit);
          if (r !== 'done') throw new Error(`StopUnit ${this.unit}: the job ended with \`${r}\``);
          rt.log.info('timer stopped');
        }
      }
      if (current !== undefined) {
        ok = false;
        if (apply) {
          if (startup !== 'enabled') await sd.disable(this.unit).catch(() => undefined);
          await rm(this.path, { force: true });
          await sd.manager('Reload', '', [], 60_000);
          rt.log.info(`removed ${this.path}`);
        }
      }
      return ok;
    }
    if (state === 'exists') {
      const want = timerUnit(this.spec);
      if (current !== want) {
        ok = false;
        if (!apply) return false;
        await mkdir(dirname(this.path), { recursive: true });
        await writeAtomic(this.path, want);
        await sd.manager('Reload', '', [], 60_000);
        rt.log.info(`${current === undefined ? 'wrote' : 'updated'} ${this.path}`);
      }
      const st = await sd.status(this.unit);
      if (st.loadState !== 'loaded') throw new Error(`the timer \`${this.unit}\` could not be loaded: LoadState=${st.loadState}`);
      if (!ACTIVE.has(st.activeState) || current !== want) {
        ok = false;
        if (apply) {
          // A changed timer is restarted so the new schedule counts.
          const r = await sd.job(ACTIVE.has(st.activeState) ? 'RestartUnit' : 'StartUnit', this.unit);
          if (r !== 'done') throw new Error(`starting ${this.unit}: the job ended with \`${r}\``);
          rt.log.info('timer started');
        }
      }
    }
    if (startup !== '') {
      const fileState = await sd.unitFileState(this.unit);
      if (fileState === 'not-found' && state !== 'exists') {
        // Nothing to enable (and nothing enabled).
        if (startup === 'enabled') throw new Error(`the timer \`${this.unit}\` does not exist: set state to exists`);
        return ok;
      }
      if (!(await sd.checkStartup(this.unit, startup, fileState, apply, rt.log))) ok = false;
    }
    return ok;
  }

  async cleanup(): Promise<void> {
    this.sd?.close();
    this.sd = undefined;
  }
}
