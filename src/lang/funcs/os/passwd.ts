// Reading /etc/passwd, for os.user_exists, os.home and os.uid.

import { readFileSync } from 'node:fs';

export const PASSWD = '/etc/passwd';

export interface PasswdEntry {
  name: string;
  uid: string;
  gid: string;
  home: string;
}

export function readPasswd(file = PASSWD): PasswdEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length < 7) continue;
    out.push({ name: f[0], uid: f[2], gid: f[3], home: f[5] });
  }
  return out;
}

/** The entry for a user name, or for a numeric uid. */
export function lookupUser(user: string, file = PASSWD): PasswdEntry | undefined {
  const all = readPasswd(file);
  return all.find((e) => e.name === user) ?? (/^\d+$/.test(user) ? all.find((e) => e.uid === user) : undefined);
}
