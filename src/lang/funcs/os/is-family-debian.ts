// os.is_family_debian: whether this machine is of the debian family.

import type { FuncDef } from '../registry.js';
import { FAMILY_DEBIAN, familyOf, readOsRelease } from './distro.js';

export const isFamilyDebian: FuncDef = {
  name: 'is_family_debian',
  sig: 'func() bool',
  fn: () => familyOf(readOsRelease()) === FAMILY_DEBIAN,
  doc: 'Whether this machine is of the debian family (from /etc/os-release ID and ID_LIKE).',
};
