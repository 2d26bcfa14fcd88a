// The `sys/fwupd` module (import alias `fwupd`).

import type { ModuleDef } from '../../registry.js';
import { rebootNeeded } from './reboot-needed.js';

export const module: ModuleDef = {
  path: 'sys/fwupd',
  funcs: [rebootNeeded],
};
