// Reading /etc/passwd and /etc/group, running the shadow-utils tools
// (useradd/usermod/userdel, groupadd/groupmod/groupdel) and watching the two
// files, for the user and group kinds.

import { childProcess } from '../../util/builtins.js';
import { watch as fsWatch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { ResourceRuntime } from '../../engine/resource.js';

/** Overridable for tests of the parsing; the tools always act on the real files. */
export const PASSWD = '/etc/passwd';
export const GROUP = '/etc/group';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/** The entries of a colon-separated database (/etc/passwd, /etc/group) as fields; blank and comment lines left out. */
async function readEntries(path: string): Promise<string[][]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(':'));
}

export async function readPasswd(path = PASSWD): Promise<PasswdEntry[]> {
  return (await readEntries(path)).map((f) => ({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '', shell: f[6] ?? '' }));
}

export async function readGroups(path = GROUP): Promise<GroupEntry[]> {
  return (await readEntries(path)).map((f) => ({ name: f[0], gid: Number(f[2]), members: (f[3] ?? '').split(',').filter((m) => m !== '') }));
}

/** Run a tool; a failure is an error with its exit status and stderr. */
export function tool(cmd: string, args: string[], timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    childProcess().execFile(cmd, args, { timeout: timeoutMs }, (err, _out, stderr) => {
      if (!err) return resolve();
      const why = stderr.trim() || err.message;
      reject(new Error(`${cmd} ${args.join(' ')} failed: ${why}`));
    });
  });
}

/**
 * Events when any of `files` changes. The tools replace the files by
 * renaming a new copy over them, so each file's directory is watched and
 * events are filtered by name. Resolves when the resource stops.
 */
export async function watchFiles(rt: ResourceRuntime, files: string[]): Promise<void> {
  const byDir = new Map<string, Set<string>>();
  for (const f of files) {
    const d = dirname(f);
    if (!byDir.has(d)) byDir.set(d, new Set());
    byDir.get(d)!.add(basename(f));
  }
  const watchers = [...byDir].map(([dir, names]) => fsWatch(dir, (_ev, name) => {
    if (name && names.has(name)) rt.event();
  }));
  try {
    rt.running();
    await new Promise<void>((resolve, reject) => {
      if (rt.signal.aborted) return resolve();
      for (const w of watchers) w.on('error', (e) => reject(new Error(`watching ${files.join(', ')} failed: ${e.message}`)));
      rt.signal.addEventListener('abort', () => resolve());
    });
  } finally {
    for (const w of watchers) w.close();
  }
}
