// A client for systemd's manager on D-Bus (org.freedesktop.systemd1), the
// system one or a user manager (`session`). Jobs are waited for through
// JobRemoved: the listener is there before the job is queued, and results
// that arrive before the reply naming the job are kept, since dbus-next can
// deliver the signal first.

import type { BusKind } from '../../util/dbus.js';
import { Bus, matchRule, unwrap } from '../../util/dbus.js';

export const SD = 'org.freedesktop.systemd1';
export const SD_PATH = '/org/freedesktop/systemd1';
export const MANAGER = 'org.freedesktop.systemd1.Manager';
export const UNIT = 'org.freedesktop.systemd1.Unit';

/** How long a start/stop/restart job may take before we call it hung. */
export const JOB_TIMEOUT_MS = 90_000;

export interface UnitStatus {
  path: string;
  loadState: string;
  activeState: string;
  subState: string;
  /** The unit's last result (`exit-code`, `signal`, `start-limit-hit`…). */
  result: string;
}

export class Systemd {
  /** Job path → result, for JobRemoved signals seen (kept briefly: the reply may come after). */
  private readonly finished = new Map<string, string>();
  private readonly waiting = new Map<string, (result: string) => void>();
  private unsubscribe: (() => void) | undefined;

  private constructor(readonly bus: Bus) {}

  static async connect(kind: BusKind): Promise<Systemd> {
    const bus = await Bus.connect(kind);
    const sd = new Systemd(bus);
    try {
      sd.unsubscribe = await bus.subscribe(matchRule(SD, { path: SD_PATH, iface: MANAGER, member: 'JobRemoved' }), { path: SD_PATH, iface: MANAGER, member: 'JobRemoved' }, (msg) => {
        const [, job, , result] = msg.body as [number, string, string, string];
        const w = sd.waiting.get(job);
        if (w) {
          sd.waiting.delete(job);
          w(result);
          return;
        }
        sd.finished.set(job, result);
        setTimeout(() => sd.finished.delete(job), 30_000).unref();
      });
      // Without Subscribe the manager sends no signals to us at all.
      await sd.manager('Subscribe');
    } catch (e) {
      bus.close();
      throw new Error(`systemd on the ${kind} bus does not answer: ${(e as Error).message}`);
    }
    return sd;
  }

  manager(member: string, signature = '', body: unknown[] = [], timeoutMs?: number): Promise<unknown[]> {
    return this.bus.call(SD, SD_PATH, MANAGER, member, signature, body, timeoutMs);
  }

  /** Load the unit (so a unit that is not loaded yet gets an object) and read its state. */
  async status(unit: string): Promise<UnitStatus> {
    const [path] = (await this.manager('LoadUnit', 's', [unit])) as [string];
    const [props] = (await this.bus.call(SD, path, 'org.freedesktop.DBus.Properties', 'GetAll', 's', [UNIT])) as [Record<string, unknown>];
    const str = (k: string) => String(unwrap(props[k]) ?? '');
    // Result lives on the Service interface; absent on other unit types.
    let result = '';
    try {
      result = String(await this.bus.getProperty(SD, path, 'org.freedesktop.systemd1.Service', 'Result'));
    } catch {
      /* not a service */
    }
    return { path, loadState: str('LoadState'), activeState: str('ActiveState'), subState: str('SubState'), result };
  }

  /** `enabled`, `disabled`, `static`…; `not-found` when there is no unit file. */
  async unitFileState(unit: string): Promise<string> {
    try {
      const [state] = (await this.manager('GetUnitFileState', 's', [unit])) as [string];
      return state;
    } catch (e) {
      if (/NoSuchUnit|No such file/i.test((e as Error).message)) return 'not-found';
      throw e;
    }
  }

  /** Queue a job (StartUnit, StopUnit, RestartUnit) and wait for its result (`done`, `failed`…). */
  async job(member: 'StartUnit' | 'StopUnit' | 'RestartUnit', unit: string, timeoutMs = JOB_TIMEOUT_MS): Promise<string> {
    const [job] = (await this.manager(member, 'ss', [unit, 'replace'])) as [string];
    const early = this.finished.get(job);
    if (early !== undefined) {
      this.finished.delete(job);
      return early;
    }
    return new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => {
        this.waiting.delete(job);
        reject(new Error(`${member} ${unit}: the job did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      const offClose = this.bus.onClose((why) => {
        clearTimeout(t);
        this.waiting.delete(job);
        reject(new Error(`${member} ${unit}: ${why}`));
      });
      this.waiting.set(job, (result) => {
        clearTimeout(t);
        offClose();
        resolve(result);
      });
    });
  }

  async enable(unit: string): Promise<void> {
    // runtime=false (persistent), force=true (replace conflicting symlinks).
    await this.manager('EnableUnitFiles', 'asbb', [[unit], false, true]);
    await this.manager('Reload', '', [], 60_000);
  }

  async disable(unit: string): Promise<void> {
    await this.manager('DisableUnitFiles', 'asb', [[unit], false]);
    await this.manager('Reload', '', [], 60_000);
  }
  /**
   * Bring a unit's startup (`enabled` or `disabled`) to what is wanted (with `apply`), given
   * its unit-file state; returns true when it already was. Shared by svc and cron.
   */
  async checkStartup(unit: string, startup: string, fileState: string, apply: boolean, log: { info(m: string): void }): Promise<boolean> {
    const enabled = fileState === 'enabled' || fileState === 'enabled-runtime';
    if ((startup === 'enabled') === enabled) return true;
    if (apply) {
      if (startup === 'enabled') await this.enable(unit);
      else await this.disable(unit);
      log.info(startup);
    }
    return false;
  }


  close(): void {
    this.unsubscribe?.();
    for (const w of this.waiting.values()) w('canceled');
    this.waiting.clear();
    this.bus.close();
  }
}

/** The object path systemd gives a unit: every byte outside [A-Za-z0-9] becomes `_XX`. */
export function unitPath(unit: string): string {
  let out = '';
  for (const b of Buffer.from(unit)) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9]/.test(c) ? c : `_${b.toString(16).padStart(2, '0')}`;
  }
  return `${SD_PATH}/unit/${out}`;
}
