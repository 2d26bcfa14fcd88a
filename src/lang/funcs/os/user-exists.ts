// os.user_exists: whether a local user exists, updated when /etc/passwd changes.

import type { FuncDef, StreamContext } from '../registry.js';
import type { Value } from '../../types/value.js';
import { lookupUser, PASSWD } from './passwd.js';
import { dedupe, watchPath } from './watch.js';

function run([user]: Value[], ctx: StreamContext): void {
  const emit = dedupe<boolean>((v) => ctx.emit(v), String);
  const check = (): void => emit(lookupUser(user as string) !== undefined);
  check();
  watchPath(PASSWD, ctx.signal, check);
}

export const userExists: FuncDef = {
  name: 'user_exists',
  sig: 'func(user str) bool',
  stream: run,
  doc: 'Whether a local user (name or uid) exists, updated when /etc/passwd changes.',
};
