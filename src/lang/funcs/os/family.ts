// os.family: the distro family of this machine, from /etc/os-release.

import type { FuncDef } from '../registry.js';
import { familyOf, readOsRelease } from './distro.js';

export const family: FuncDef = {
  name: 'family',
  sig: 'func() str',
  fn: () => familyOf(readOsRelease()),
  doc: 'The distro family of this machine: "debian", "redhat", "archlinux", or "" if unknown.',
};
