// sys.getenv: an environment variable of the mgmt process.

import { CatchableError } from '../registry.js';
import type { FuncDef } from '../registry.js';

export const getenv: FuncDef = {
  name: 'getenv',
  sig: 'func(name str) str',
  fn: ([name]) => {
    const v = process.env[name as string];
    if (v === undefined) throw new CatchableError(`environment variable not set: ${name as string}`);
    return v;
  },
  doc: 'The value of an environment variable; a catchable error when it is not set ("" when set empty).',
};
