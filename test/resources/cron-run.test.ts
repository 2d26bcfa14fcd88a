// cron as a systemd timer on a real user manager (components.md §4a): the
// timer unit is written, started, fires its service, is enabled, and removed.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CronResource, timerUnit } from '../../src/resources/cron/resource.js';
import { makeRuntime, startWatch } from './runtime-helper.js';
import { spec } from './helpers.js';
import { startUserManager, type UserManager } from '../system/setup.js';
import { unavailable } from '../helpers/components.js';

let um: UserManager;
const name = `mgmt-tc${process.pid}`;
const stamp = join(tmpdir(), `${name}.ran`);

beforeAll(async () => {
  um = await startUserManager();
  if (um.skip) return;
  process.env.DBUS_SESSION_BUS_ADDRESS = um.busAddress;
  writeFileSync(join(um.unitDir, `${name}.service`), `[Service]\nType=oneshot\nExecStart=/bin/sh -c 'echo ran >> ${stamp}'\n`);
  um.systemctl('daemon-reload');
}, 30_000);

afterAll(async () => {
  if (um && !um.skip) {
    um.systemctl('stop', `${name}.timer`);
    for (const f of [`${name}.service`, `${name}.timer`, `timers.target.wants/${name}.timer`]) rmSync(join(um.unitDir, f), { force: true });
  }
  rmSync(stamp, { force: true });
  await um?.stop();
}, 30_000);

describe('cron', () => {
  it('renders the timer unit from the params that are set', () => {
    const text = timerUnit(spec('cron', 'backup', { trigger: 'OnCalendar', time: '*-*-* 02:00:00', persistent: true }));
    expect(text).toContain('[Timer]\nOnCalendar=*-*-* 02:00:00\nPersistent=true\nUnit=backup.service\n');
    expect(text).toContain('[Install]\nWantedBy=timers.target\n');
  });

  it('writes, starts and enables the timer, which runs its service; then removes it', async (ctx) => {
    if (um.skip) return unavailable(ctx, um.skip);
    const t = makeRuntime();
    const res = new CronResource(spec('cron', name, { session: true, state: 'exists', startup: 'enabled', trigger: 'OnActiveSec', time: '1s', accuracysec: '1ms' }));
    expect(res.path).toBe(join(um.unitDir, `${name}.timer`));
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(res.path, 'utf8')).toContain('OnActiveSec=1s');
    expect(um.systemctl('is-active', `${name}.timer`).out.trim()).toBe('active');
    expect(um.systemctl('is-enabled', `${name}.timer`).out.trim()).toBe('enabled');
    expect(await res.checkApply(t.rt, true)).toBe(true);
    const t0 = Date.now();
    while (!existsSync(stamp) && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(stamp)).toBe(true);

    // The unit file edited behind its back: Watch sees it, CheckApply rewrites it.
    const w = await startWatch(t, res);
    const before = t.events;
    writeFileSync(res.path, '[Timer]\nOnActiveSec=1h\n');
    await t.until(() => t.events > before, 2000, 'an event for the edited unit file');
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(readFileSync(res.path, 'utf8')).toBe(timerUnit(res.spec));
    t.ctl.abort();
    await w.done;
    await res.cleanup();

    const gone = new CronResource(spec('cron', name, { session: true, state: 'absent' }));
    expect(await gone.checkApply(t.rt, true)).toBe(false);
    expect(existsSync(gone.path)).toBe(false);
    expect(um.systemctl('is-active', `${name}.timer`).out.trim()).not.toBe('active');
    expect(await gone.checkApply(t.rt, true)).toBe(true);
    await gone.cleanup();
  });
});
