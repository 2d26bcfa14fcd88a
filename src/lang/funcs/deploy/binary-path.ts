// deploy.binary_path: the path of the program that is running mgmt.

import { resolve } from 'node:path';
import type { FuncDef } from '../registry.js';

export const binaryPath: FuncDef = {
  name: 'binary_path',
  sig: 'func() str',
  // argv[1] is our launcher script (bin/mgmt.js); node itself is only the interpreter.
  fn: () => (process.argv[1] ? resolve(process.argv[1]) : process.execPath),
  doc: 'The absolute path of the mgmt launcher that is running this program.',
};
