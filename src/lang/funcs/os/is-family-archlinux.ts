// os.is_family_archlinux: whether this machine is of the archlinux family.

import type { FuncDef } from '../registry.js';
import { FAMILY_ARCHLINUX, familyOf, readOsRelease } from './distro.js';

export const isFamilyArchlinux: FuncDef = {
  name: 'is_family_archlinux',
  sig: 'func() bool',
  fn: () => familyOf(readOsRelease()) === FAMILY_ARCHLINUX,
  doc: 'Whether this machine is of the archlinux family (from /etc/os-release ID and ID_LIKE).',
};
