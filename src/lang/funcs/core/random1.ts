// random1: a random alphanumeric string; a new one whenever the length changes.

import { crypto } from '../../../util/builtins.js';
import { FatalError } from '../registry.js';
import type { FuncDef } from '../registry.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export const random1: FuncDef = {
  name: 'random1',
  sig: 'func(length int) str',
  fn: ([length]) => {
    const n = length as bigint;
    if (n < 0n) throw new FatalError(`invalid length: ${n}`);
    if (n > 1_000_000n) throw new FatalError(`length too large: ${n}`);
    let out = '';
    for (let i = 0n; i < n; i++) out += ALPHABET[crypto().randomInt(ALPHABET.length)];
    return out;
  },
  doc: 'A random alphanumeric string of the given length.',
};
