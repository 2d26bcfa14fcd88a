// sys.hasenv: whether an environment variable is set (even to "").

import type { FuncDef } from '../registry.js';

export const hasenv: FuncDef = {
  name: 'hasenv',
  sig: 'func(name str) bool',
  fn: ([name]) => process.env[name as string] !== undefined,
  doc: 'Whether an environment variable is set, even if to the empty string.',
};
