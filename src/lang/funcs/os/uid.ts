// os.uid: a user's numeric id, as a string.

import { CatchableError } from '../registry.js';
import type { FuncDef } from '../registry.js';
import { lookupUser } from './passwd.js';

export const uid: FuncDef = {
  name: 'uid',
  sig: 'func(user str) str',
  fn: ([user]) => {
    const entry = lookupUser(user as string);
    if (!entry) throw new CatchableError(`user: unknown user ${user as string}`);
    return entry.uid;
  },
  doc: 'The numeric user id of a local user name, as a string.',
};
