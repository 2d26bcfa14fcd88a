// os.expand_home: `~` and `~user` at the start of a path become home directories.

import { homedir } from 'node:os';
import { CatchableError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import { lookupUser } from './passwd.js';

export function expandHome(path: string): string {
  if (!path.startsWith('~')) return path;
  const slash = path.indexOf('/');
  const user = slash < 0 ? path.slice(1) : path.slice(1, slash);
  const rest = slash < 0 ? '' : path.slice(slash);
  if (user === '') return homedir() + rest;
  const entry = lookupUser(user);
  if (!entry) throw new CatchableError(`user: unknown user ${user}`);
  return entry.home + rest;
}

export const expandHomeFunc: FuncDef = {
  name: 'expand_home',
  sig: 'func(path str) str',
  fn: ([path]) => expandHome(path as string),
  doc: 'Replaces a leading ~ or ~user in a path with that home directory.',
};
