// User and group names to numeric ids, from /etc/passwd and /etc/group (the
// same sources `id` reads for local accounts). A numeric string is an id.

import { readFile } from 'node:fs/promises';

async function lookup(db: string, name: string, what: string): Promise<number> {
  if (/^\d+$/.test(name)) return Number(name);
  const text = await readFile(db, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f.length > 2 && /^\d+$/.test(f[2])) return Number(f[2]);
  }
  throw new Error(`${what} \`${name}\` does not exist`);
}

export const uidOf = (user: string): Promise<number> => lookup('/etc/passwd', user, 'user');
export const gidOf = (group: string): Promise<number> => lookup('/etc/group', group, 'group');

/** The primary group of a user (for exec's `user` without `group`). */
export async function primaryGid(user: string): Promise<number | undefined> {
  const text = await readFile('/etc/passwd', 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if ((f[0] === user || f[2] === user) && /^\d+$/.test(f[3] ?? '')) return Number(f[3]);
  }
  return undefined;
}

/** The name of a uid/gid for messages (`root`), or the number when it has none. */
async function nameOf(db: string, id: number): Promise<string> {
  const text = await readFile(db, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length > 2 && f[2] === String(id)) return f[0];
  }
  return String(id);
}

export const userName = (uid: number): Promise<string> => nameOf('/etc/passwd', uid);
export const groupName = (gid: number): Promise<string> => nameOf('/etc/group', gid);
