// /etc/os-release, for os.family, os.is_family_* and os.release.

import { readFileSync } from 'node:fs';

export const OS_RELEASE = '/etc/os-release';

/** KEY=value pairs, with shell quoting removed. */
export function parseOsRelease(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    let v = line.slice(eq + 1);
    if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.endsWith(v[0])) v = v.slice(1, -1);
    out.set(line.slice(0, eq), v.replace(/\\(.)/g, '$1'));
  }
  return out;
}

export function readOsRelease(file = OS_RELEASE): Map<string, string> {
  try {
    return parseOsRelease(readFileSync(file, 'utf8'));
  } catch {
    // Older systems keep it under /usr/lib only.
    try {
      return parseOsRelease(readFileSync('/usr/lib/os-release', 'utf8'));
    } catch {
      return new Map();
    }
  }
}

export const FAMILY_REDHAT = 'redhat';
export const FAMILY_DEBIAN = 'debian';
export const FAMILY_ARCHLINUX = 'archlinux';

const FAMILIES: [string, string[]][] = [
  [FAMILY_DEBIAN, ['debian', 'ubuntu']],
  [FAMILY_REDHAT, ['rhel', 'fedora', 'centos', 'redhat']],
  [FAMILY_ARCHLINUX, ['arch', 'archlinux']],
];

/** `debian`, `redhat`, `archlinux`, or "" when the distro is none of those. */
export function familyOf(release: Map<string, string>): string {
  const ids = [release.get('ID') ?? '', ...(release.get('ID_LIKE') ?? '').split(/\s+/)].filter((s) => s !== '');
  for (const [family, members] of FAMILIES) if (ids.some((id) => members.includes(id))) return family;
  return '';
}
