// svc against a real PID-1 system manager: a Debian booted with
// `systemd-nspawn --boot`, its system bus bind-mounted onto the host
// (components.md §4b). Runs in CI, and elsewhere with WITH_NSPAWN=1: the first
// run debootstraps a rootfs (~90 s) into /var/tmp/mgmt-ct-root.

import { existsSync, lstatSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { SvcResource } from '../../src/resources/svc/resource.js';
import { Systemd } from '../../src/resources/svc/systemd.js';
import { graphOf, memLog, vtx } from '../engine/helpers.js';
import { makeRuntime } from './runtime-helper.js';
import { spec } from './helpers.js';
import { startContainer, type Container } from '../system/setup.js';
import { unavailable } from '../helpers/components.js';

let ct: Container;
const name = `mgmt-tn${process.pid}`;
const unitFile = () => join(ct.root, 'etc/systemd/system', `${name}.service`);

async function state(): Promise<{ active: string; pid: number }> {
  const sd = await Systemd.connect('system');
  try {
    const st = await sd.status(`${name}.service`);
    const pid = Number(await sd.bus.getProperty('org.freedesktop.systemd1', st.path, 'org.freedesktop.systemd1.Service', 'MainPID'));
    return { active: st.activeState, pid };
  } finally {
    sd.close();
  }
}

beforeAll(async () => {
  ct = await startContainer();
  if (ct.skip) return;
  process.env.DBUS_SYSTEM_BUS_ADDRESS = ct.busAddress;
  writeFileSync(unitFile(), '[Unit]\nDescription=mgmt nspawn test\n[Service]\nExecStart=/bin/sleep 1000\n[Install]\nWantedBy=multi-user.target\n');
  const sd = await Systemd.connect('system');
  await sd.manager('Reload', '', [], 60_000);
  sd.close();
}, 900_000);

afterAll(async () => {
  if (ct && !ct.skip) {
    rmSync(unitFile(), { force: true });
    rmSync(join(ct.root, 'etc/systemd/system/multi-user.target.wants', `${name}.service`), { force: true });
  }
  await ct?.stop();
}, 60_000);

describe('svc on a systemd-nspawn system manager', () => {
  it('starts and enables a system unit; a service killed from outside is running again', async (ctx) => {
    if (ct.skip) return unavailable(ctx, ct.skip);
    const t = makeRuntime();
    const res = new SvcResource(spec('svc', name, { state: 'running', startup: 'enabled' }));
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(lstatSync(join(ct.root, 'etc/systemd/system/multi-user.target.wants', `${name}.service`)).isSymbolicLink()).toBe(true);
    expect((await state()).active).toBe('active');
    await res.cleanup();

    const lines: string[] = [];
    const engine = new Engine({ log: memLog(lines) });
    try {
      await engine.swap(graphOf([vtx('svc', name, { state: 'running', startup: 'enabled' })]));
      expect(await engine.waitConverged(20_000)).toBe(true);
      const before = await state();
      // MainPID is a container PID: kill it inside the container's namespaces.
      expect(ct.exec(`kill -9 ${before.pid}`).ok).toBe(true);
      const t0 = Date.now();
      let now = before;
      // A hang guard: on an idle machine it takes well under a second.
      while (Date.now() - t0 < 15_000) {
        now = await state();
        if (now.active === 'active' && now.pid > 0 && now.pid !== before.pid) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(now.pid, lines.join('\n')).not.toBe(before.pid);
      expect(now.active).toBe('active');
    } finally {
      await engine.stop();
    }

    const off = new SvcResource(spec('svc', name, { state: 'stopped', startup: 'disabled' }));
    expect(await off.checkApply(t.rt, true)).toBe(false);
    expect((await state()).active).toBe('inactive');
    expect(existsSync(join(ct.root, 'etc/systemd/system/multi-user.target.wants', `${name}.service`))).toBe(false);
    await off.cleanup();
  }, 60_000);
});
