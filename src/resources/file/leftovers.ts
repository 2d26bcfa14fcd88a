// Temp files of writers that are gone. writeAtomic's temp file is removed
// when a write fails or is aborted, but a process killed outright (kill -9,
// the OOM killer, power loss) leaves it for good. Every temp name therefore
// says who wrote it — pid, the pid's start time, and a hash each of the boot
// and of the place the pid means something in (machine and pid namespace) —
// and the first write of a process into a directory first removes the temp
// files there whose writer is certainly gone:
//
// - same place, same boot: the pid is not running, or is running but
//   started at another time (the pid was reused);
// - same place, earlier boot: every writer of that boot is gone.
//
// Anything else is left alone: a live writer, another machine or container
// sharing the directory (its pids are not ours to look up), and names we
// cannot read (other programs, older versions of ours).

import { createHash } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '../../util/log.js';

/** The name prefix of our temp files: the watch filters and tests know it. */
export const TEMP_PREFIX = '.mgmt-tmp-';

export interface Writer {
  pid: number;
  /** When the pid started, in clock ticks since boot (field 22 of /proc/PID/stat). */
  start: number;
  /** Hash of the boot id. */
  boot: string;
  /** Hash of the machine id and the pid namespace. */
  place: string;
}

const hash6 = (s: string): string => createHash('sha1').update(s).digest('hex').slice(0, 6);
const readOr = (f: string, or: string): string => {
  try {
    return readFileSync(f, 'utf8').trim();
  } catch {
    return or;
  }
};

/** The start time of a running pid, or undefined when there is no such process. */
export function pidStart(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: count from its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[19]);
}

/** This process as a writer; undefined without /proc (then names carry no writer and nothing is cleaned). */
export function thisWriter(pid = process.pid): Writer | undefined {
  const start = pidStart(pid);
  if (start === undefined || !Number.isFinite(start)) return undefined;
  let ns = '';
  try {
    ns = readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    // no namespaces: the machine alone is the place
  }
  const machine = readOr('/etc/machine-id', readOr('/var/lib/dbus/machine-id', ''));
  return { pid, start, boot: hash6(readOr('/proc/sys/kernel/random/boot_id', '')), place: hash6(`${machine}:${ns}`) };
}

/** The tag of a temp name: `<pid>-<start>-<boot>-<place>`, numbers in base 36. */
export const writerTag = (w: Writer): string => `${w.pid.toString(36)}-${w.start.toString(36)}-${w.boot}-${w.place}`;

const TAG = /\.([0-9a-z]+)-([0-9a-z]+)-([0-9a-f]{6})-([0-9a-f]{6})\.[0-9a-z]+$/;

/** The writer a temp name names, if it is one of ours with a writer tag. */
export function parseTemp(name: string): Writer | undefined {
  if (!name.startsWith(TEMP_PREFIX)) return undefined;
  const m = TAG.exec(name);
  if (!m) return undefined;
  return { pid: parseInt(m[1], 36), start: parseInt(m[2], 36), boot: m[3], place: m[4] };
}

/** Whether the writer of a temp file is certainly gone (`me`: this process, for its boot and place). */
export function writerGone(w: Writer, me: Writer): boolean {
  if (w.place !== me.place) return false;
  if (w.boot !== me.boot) return true;
  return pidStart(w.pid) !== w.start;
}

/** Remove the temp files of gone writers in `dir`; returns the names removed. Never throws. */
export async function removeLeftovers(dir: string, me: Writer): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const w = parseTemp(name);
    if (!w || !writerGone(w, me)) continue;
    try {
      await unlink(join(dir, name));
      removed.push(name);
      log.info(`removed ${join(dir, name)}, left by a writer that is gone (pid ${w.pid})`);
    } catch {
      // gone already (another run cleaning), or not ours to remove
    }
  }
  return removed;
}
