// example/nested.hello: shows a module nested inside another.

import type { FuncDef } from '../../registry.js';

export const hello: FuncDef = {
  name: 'hello',
  sig: 'func() str',
  fn: () => 'Hello!',
  doc: 'Returns "Hello!".',
};
