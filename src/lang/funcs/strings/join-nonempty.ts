// strings.join_nonempty: join the non-empty strings of a list.

import type { FuncDef } from '../registry.js';

export const joinNonempty: FuncDef = {
  name: 'join_nonempty',
  sig: 'func(s []str, sep str) str',
  fn: ([s, sep]) => (s as string[]).filter((x) => x !== '').join(sep as string),
  doc: 'The non-empty strings of the list joined with sep.',
};
