// os.is_family_redhat: whether this machine is of the redhat family.

import type { FuncDef } from '../registry.js';
import { FAMILY_REDHAT, familyOf, readOsRelease } from './distro.js';

export const isFamilyRedhat: FuncDef = {
  name: 'is_family_redhat',
  sig: 'func() bool',
  fn: () => familyOf(readOsRelease()) === FAMILY_REDHAT,
  doc: 'Whether this machine is of the redhat family (from /etc/os-release ID and ID_LIKE).',
};
