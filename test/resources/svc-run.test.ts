// svc against a real systemd: a `systemd --user` manager in a private mount
// namespace (components.md §4a), started for this file and stopped by PID.
// Skips, saying why, where that manager cannot run.

import { rmSync, writeFileSync, existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SvcResource } from '../../src/resources/svc/resource.js';
import { makeRuntime, startWatch } from './runtime-helper.js';
import { spec } from './helpers.js';
import { graphOf, memLog, vtx } from '../engine/helpers.js';
import { Engine } from '../../src/engine/engine.js';
import { startUserManager, type UserManager } from '../system/setup.js';
import { unavailable } from '../helpers/components.js';

let um: UserManager;
const tag = `mgmt-t${process.pid}`;
const units: string[] = [];

function writeUnit(name: string, body: string): string {
  writeFileSync(join(um.unitDir, `${name}.service`), body);
  units.push(name);
  expect(um.systemctl('daemon-reload').ok).toBe(true);
  return name;
}

const longRunning = (name: string) =>
  writeUnit(name, `[Unit]\nDescription=mgmt test ${name}\n[Service]\nExecStart=/bin/sleep 1000\n[Install]\nWantedBy=default.target\n`);

const active = (name: string) => um.systemctl('is-active', `${name}.service`).out.trim();
const mainPid = (name: string) => Number(um.systemctl('show', '-p', 'MainPID', '--value', `${name}.service`).out.trim());

const svc = (name: string, params: Record<string, string | boolean>) => new SvcResource(spec('svc', name, { session: true, ...params }));

beforeAll(async () => {
  um = await startUserManager();
  if (!um.skip) process.env.DBUS_SESSION_BUS_ADDRESS = um.busAddress;
}, 30_000);

afterAll(async () => {
  for (const u of units) {
    um?.systemctl('stop', `${u}.service`);
    um?.systemctl('disable', `${u}.service`);
    rmSync(join(um.unitDir, `${u}.service`), { force: true });
  }
  await um?.stop();
}, 30_000);

describe('svc on a systemd user manager', () => {
  it('starts a stopped service, and is then in state', async (ctx) => {
    if (um.skip) return unavailable(ctx, um.skip);
    const name = longRunning(`${tag}-a`);
    const res = svc(name, { state: 'running' });
    const t = makeRuntime();
    await res.init(t.rt);
    expect(await res.checkApply(t.rt, false)).toBe(false);
    expect(active(name)).not.toBe('active');
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(active(name)).toBe('active');
    expect(t.logs.some((l) => l.startsWith('started'))).toBe(true);
    expect(await res.checkApply(t.rt, true)).toBe(true);
    await res.cleanup();
  });

  it('stops a running service', async (ctx) => {
    if (um.skip) return unavailable(ctx, um.skip);
    const name = longRunning(`${tag}-b`);
    um.systemctl('start', `${name}.service`);
    expect(active(name)).toBe('active');
    const res = svc(name, { state: 'stopped' });
    const t = makeRuntime();
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(active(name)).toBe('inactive');
    expect(await res.checkApply(t.rt, true)).toBe(true);
    await res.cleanup();
  });

  it('enables and disables the unit file', async (ctx) => {
    if (um.skip) return unavailable(ctx, um.skip);
    const name = longRunning(`${tag}-c`);
    const link = join(um.unitDir, 'default.target.wants', `${name}.service`);
    const on = svc(name, { startup: 'enabled' });
    const t = makeRuntime();
    expect(await on.checkApply(t.rt, true)).toBe(false);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(um.systemctl('is-enabled', `${name}.service`).out.trim()).toBe('enabled');
    expect(await on.checkApply(t.rt, true)).toBe(true);
    const off = svc(name, { startup: 'disabled' });
    expect(await off.checkApply(t.rt, true)).toBe(false);
    expect(existsSync(link)).toBe(false);
    expect(await off.checkApply(t.rt, true)).toBe(true);
    await on.cleanup();
    await off.cleanup();
  });

  it('restarts on a refresh notification', async (ctx) => {
    if (um.skip) return unavailable(ctx, um.skip);
    const name = longRunning(`${tag}-d`);
    um.systemctl('start', `${name}.service`);
    const before = mainPid(name);
    const res = svc(name, { state: 'running' });
    const t = makeRuntime();
    expect(await res.checkApply(t.rt, true)).toBe(true);
    t.refreshPending = true;
    expect(await res.checkApply(t.rt, true)).toBe(false);
    const after = mainPid(name);
    expect(after).toBeGreaterThan(0);
    expect(after).not.toBe(before);
    expect(t.logs).toContain('restarted (refresh)');
    await res.cleanup();
  });

  it('Watch reports a stop done behind its back', async (ctx) => {
    if (um.skip) return unavailable(ctx, um.skip);
    const name = longRunning(`${tag}-e`);
    um.systemctl('start', `${name}.service`);
    const res = svc(name, { state: 'running' });
    const t = makeRuntime();
    const w = await startWatch(t, res);
    const before = t.events;
    um.systemctl('stop', `${name}.service`);
    await t.until(() => t.events > before, 2000, 'an event after the stop');
    t.ctl.abort();
    await w.done;
    await res.cleanup();
  });

  // A hang guard, not a speed claim (how soon: bench/claims.ts).
  it('the engine starts a killed service again', async (ctx) => {
    if (um.skip) return unavailable(ctx, um.skip);
    const name = longRunning(`${tag}-f`);
    const lines: string[] = [];
    const engine = new Engine({ log: memLog(lines) });
    await engine.swap(graphOf([vtx('svc', name, { state: 'running', session: true })]));
    expect(await engine.waitConverged(10_000)).toBe(true);
    expect(active(name)).toBe('active');
    const pid = mainPid(name);
    process.kill(pid, 'SIGKILL');
    const t0 = Date.now();
    // It goes failed, then our Watch sees it and CheckApply starts it again.
    let restarted = false;
    while (Date.now() - t0 < 15_000) {
      const p = mainPid(name);
      if (active(name) === 'active' && p > 0 && p !== pid) {
        restarted = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await engine.stop();
    expect(restarted, lines.join('\n')).toBe(true);
  });

  it('a unit that fails is a clear CheckApply error', async (ctx) => {
    if (um.skip) return unavailable(ctx, um.skip);
    const name = writeUnit(`${tag}-g`, '[Service]\nType=oneshot\nExecStart=/bin/false\n');
    const res = svc(name, { state: 'running' });
    const t = makeRuntime();
    await expect(res.checkApply(t.rt, true)).rejects.toThrow(/StartUnit .*the job ended with `failed`.*Result=exit-code/);
    await res.cleanup();
  });

  it('a unit that does not exist is a clear error, retried per the meta params', async (ctx) => {
    if (um.skip) return unavailable(ctx, um.skip);
    const res = svc(`${tag}-nosuch`, { state: 'running' });
    const t = makeRuntime();
    await expect(res.checkApply(t.rt, true)).rejects.toThrow(`the unit \`${tag}-nosuch.service\` does not exist`);
    await res.cleanup();
    const lines: string[] = [];
    const engine = new Engine({ log: memLog(lines) });
    await engine.swap(graphOf([vtx('svc', `${tag}-nosuch`, { state: 'running', session: true }, { retry: 2, delay: 10 })]));
    expect(await engine.waitConverged(10_000)).toBe(true);
    await engine.stop();
    expect(lines.filter((l) => l.includes('retrying in 10 ms'))).toHaveLength(2);
    expect(engine.failures()[0]?.why).toBe('CheckApply failed and no retries are left');
  });
});

describe('svc without a bus', () => {
  it('a bus that is down fails fast with a clear error', async () => {
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/mgmt-bus';
    try {
      const res = svc('anything', { state: 'running' });
      const t = makeRuntime();
      const t0 = Date.now();
      await expect(res.checkApply(t.rt, true)).rejects.toThrow(/cannot connect to the session bus at unix:path=\/nonexistent\/mgmt-bus/);
      await expect(res.watch(t.rt)).rejects.toThrow(/cannot connect to the session bus/);
      // Fast: no waiting out D-Bus's 25 s reply timeout.
      expect(Date.now() - t0).toBeLessThan(15_000);
      await res.cleanup();
    } finally {
      if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    }
  });
});
