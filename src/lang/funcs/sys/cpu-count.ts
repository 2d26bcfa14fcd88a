// sys.cpu_count: the number of online CPUs.
//
// CPU hotplug is announced by kernel uevents, which Node cannot receive
// without a native addon, and sysfs files give no inotify events, so the
// count is re-read every 10 seconds and only changes are emitted.

import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { FuncDef, StreamContext } from '../registry.js';
import { dedupe, every } from '../os/watch.js';

const POLL_MS = 10_000;

/** Counts a sysfs CPU list such as `0-3,6,8-9`. */
export function countCpuList(list: string): number {
  let n = 0;
  for (const part of list.trim().split(',')) {
    if (part === '') continue;
    const [lo, hi] = part.split('-').map(Number);
    n += hi === undefined ? 1 : hi - lo + 1;
  }
  return n;
}

function onlineCpus(): number {
  try {
    return countCpuList(readFileSync('/sys/devices/system/cpu/online', 'utf8'));
  } catch {
    return availableParallelism();
  }
}

function run(_args: unknown[], ctx: StreamContext): void {
  const emit = dedupe<number>((v) => ctx.emit(BigInt(v)), String);
  every(POLL_MS, ctx.signal, () => emit(onlineCpus()));
}

export const cpuCount: FuncDef = {
  name: 'cpu_count',
  sig: 'func() int',
  stream: run,
  doc: 'The number of online CPUs (re-checked every 10 seconds).',
};
