// os.release: the distro's id, variant and version, from /etc/os-release.

import type { FuncDef } from '../registry.js';
import { StructValue } from '../../types/value.js';
import { readOsRelease } from './distro.js';

export const release: FuncDef = {
  name: 'release',
  sig: 'func() struct{id str; variant_id str; version_id str}',
  fn: () => {
    const r = readOsRelease();
    return new StructValue([
      ['id', r.get('ID') ?? ''],
      ['variant_id', r.get('VARIANT_ID') ?? ''],
      ['version_id', r.get('VERSION_ID') ?? ''],
    ]);
  },
  doc: 'The ID, VARIANT_ID and VERSION_ID fields of /etc/os-release (empty when absent).',
};
