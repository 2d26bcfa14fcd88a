// Watching one systemd unit over D-Bus (for svc and cron): the unit's
// PropertiesChanged, the manager's JobRemoved for it, UnitFilesChanged and
// Reloading. Resolves when the resource stops; rejects when the bus goes away.

import type { Message } from 'dbus-next';
import type { ResourceRuntime } from '../../engine/resource.js';
import { matchRule, unwrap } from '../../util/dbus.js';
import { MANAGER, SD, SD_PATH, UNIT, unitPath } from './systemd.js';
import type { Systemd } from './systemd.js';

export async function watchUnit(sd: Systemd, unit: string, rt: ResourceRuntime, onReady: () => void = () => rt.running()): Promise<void> {
  const bus = sd.bus;
  const offs: (() => void)[] = [];
  try {
    const props = { path: unitPath(unit), iface: 'org.freedesktop.DBus.Properties', member: 'PropertiesChanged' };
    offs.push(
      await bus.subscribe(matchRule(SD, props), props, (msg: Message) => {
        const [iface, changed] = msg.body as [string, Record<string, unknown>];
        if (iface !== UNIT) return;
        if ('ActiveState' in changed || 'UnitFileState' in changed || 'LoadState' in changed) {
          rt.log.debug(`unit changed: ActiveState=${String(unwrap(changed.ActiveState) ?? '?')}`);
          rt.event();
        }
      }),
    );
    const jobs = { path: SD_PATH, iface: MANAGER, member: 'JobRemoved' };
    offs.push(
      await bus.subscribe(matchRule(SD, jobs), jobs, (msg: Message) => {
        if ((msg.body as unknown[])[2] === unit) rt.event();
      }),
    );
    for (const member of ['UnitFilesChanged', 'Reloading']) {
      const f = { path: SD_PATH, iface: MANAGER, member };
      offs.push(await bus.subscribe(matchRule(SD, f), f, () => rt.event()));
    }
    onReady();
    await new Promise<void>((resolve, reject) => {
      if (rt.signal.aborted) return resolve();
      const off = bus.onClose((why) => reject(new Error(why)));
      rt.signal.addEventListener('abort', () => {
        off();
        resolve();
      });
    });
  } finally {
    for (const off of offs) off();
  }
}
