// sys/fwupd.reboot_needed: whether fwupd has staged a firmware update that
// needs a reboot. false when fwupd is not installed.
//
// fwupd announces changes on D-Bus, which we do not speak; we ask
// `fwupdmgr get-devices --json` once a minute instead and emit on change.

import { childProcess } from '../../../../util/builtins.js';
import type { FuncDef, StreamContext } from '../../registry.js';
import { dedupe, every } from '../../os/watch.js';

const POLL_MS = 60_000;

/** Whether any device in `fwupdmgr get-devices --json` output carries the needs-reboot flag. */
export function needsReboot(json: string): boolean {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return false;
  }
  const devices = (data as { Devices?: { Flags?: string[] }[] }).Devices ?? [];
  return devices.some((d) => (d.Flags ?? []).includes('needs-reboot'));
}

function run(_args: unknown[], ctx: StreamContext): void {
  const emit = dedupe<boolean>((v) => ctx.emit(v), String);
  every(POLL_MS, ctx.signal, () => {
    childProcess().execFile('fwupdmgr', ['get-devices', '--json'], { signal: ctx.signal, timeout: 30_000 }, (err, stdout) => {
      if (ctx.signal.aborted) return;
      // Not installed, no daemon, or no devices: nothing needs a reboot.
      emit(err ? false : needsReboot(stdout));
    });
  });
}

export const rebootNeeded: FuncDef = {
  name: 'reboot_needed',
  effect: 'writes',
  sig: 'func() bool',
  stream: run,
  doc: 'Whether fwupd reports a device that needs a reboot (false without fwupd; re-checked every minute).',
};
