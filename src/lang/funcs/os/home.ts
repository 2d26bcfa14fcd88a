// os.home: a user's home directory ("" means the user mgmt runs as).

import { homedir } from 'node:os';
import { CatchableError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import { lookupUser } from './passwd.js';

export const home: FuncDef = {
  name: 'home',
  sig: 'func(user str) str',
  fn: ([user]) => {
    if (user === '') return homedir();
    const entry = lookupUser(user as string);
    if (!entry) throw new CatchableError(`user: unknown user ${user as string}`);
    return entry.home;
  },
  doc: 'The home directory of a user, or of the current user when given "".',
};
