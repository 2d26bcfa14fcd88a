// os.parse_distro_uid: splits a distro uid such as `fedora-39-x86_64` or
// `debian-12-amd64` into its parts. Anything else gives empty fields.

import type { FuncDef } from '../registry.js';
import { StructValue } from '../../types/value.js';

export function parseDistroUid(uid: string): { distro: string; version: string; arch: string } {
  const parts = uid.split('-');
  // The arch may contain no dash, the distro no dash; the version is what is between.
  if (parts.length < 3 || parts.some((p) => p === '')) return { distro: '', version: '', arch: '' };
  return { distro: parts[0], version: parts.slice(1, -1).join('-'), arch: parts[parts.length - 1] };
}

export const parseDistroUidFunc: FuncDef = {
  name: 'parse_distro_uid',
  sig: 'func(uid str) struct{distro str; version str; arch str}',
  fn: ([uid]) => {
    const p = parseDistroUid(uid as string);
    return new StructValue([
      ['distro', p.distro],
      ['version', p.version],
      ['arch', p.arch],
    ]);
  },
  doc: 'Splits a distro uid like "fedora-39-x86_64" into distro, version and arch (all empty if malformed).',
};
