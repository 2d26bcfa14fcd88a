// os.modinfo_loaded: whether a kernel module is loaded.
//
// /proc/modules gives no inotify events (upstream listens to kernel uevents,
// which Node cannot read without a native addon), so it is re-read every
// few seconds and only changes are emitted.

import { readFileSync } from 'node:fs';
import type { FuncDef, StreamContext } from '../registry.js';
import type { Value } from '../../types/value.js';
import { dedupe, every } from './watch.js';

const POLL_MS = 5000;

export function moduleLoaded(name: string, modules = '/proc/modules'): boolean {
  let text = '';
  try {
    text = readFileSync(modules, 'utf8');
  } catch {
    return false;
  }
  // The kernel lists modules with underscores, while modprobe accepts dashes too.
  const want = name.replace(/-/g, '_');
  return text.split('\n').some((line) => line.split(' ')[0] === want);
}

function run([module]: Value[], ctx: StreamContext): void {
  const emit = dedupe<boolean>((v) => ctx.emit(v), String);
  every(POLL_MS, ctx.signal, () => emit(moduleLoaded(module as string)));
}

export const modinfoLoaded: FuncDef = {
  name: 'modinfo_loaded',
  sig: 'func(module str) bool',
  stream: run,
  doc: 'Whether a kernel module is loaded (re-checked every 5 seconds).',
};
