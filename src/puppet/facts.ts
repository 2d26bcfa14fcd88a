// Facts as Facter names them, from a file (`--facts facts.json`, either
// Facter's plain output or the `{"name": …, "values": {…}}` form Puppet's
// `facts` face writes) or from this host.

import { readFileSync } from 'node:fs';
import { arch, cpus, hostname, networkInterfaces, release, totalmem, type } from 'node:os';

export type Facts = Record<string, unknown>;

export function readFacts(path: string): Facts {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  if (data.values && typeof data.values === 'object') return data.values as Facts;
  return data;
}

function osRelease(): Record<string, string> {
  try {
    const out: Record<string, string> = {};
    for (const line of readFileSync('/etc/os-release', 'utf8').split('\n')) {
      const m = /^([A-Z_]+)=("?)(.*)\2$/.exec(line);
      if (m) out[m[1]] = m[3];
    }
    return out;
  } catch {
    return {};
  }
}

const FAMILY: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Debian', linuxmint: 'Debian', raspbian: 'Debian',
  rhel: 'RedHat', centos: 'RedHat', fedora: 'RedHat', rocky: 'RedHat', almalinux: 'RedHat', amzn: 'RedHat', ol: 'RedHat',
  sles: 'Suse', opensuse: 'Suse', 'opensuse-leap': 'Suse', arch: 'Archlinux', alpine: 'Alpine', gentoo: 'Gentoo',
};

/** The facts of this host, under Facter's names (a useful subset). */
export function hostFacts(): Facts {
  const osr = osRelease();
  const id = (osr.ID ?? type()).toLowerCase();
  const name = osr.NAME?.split(' ')[0] ?? type();
  const full = osr.VERSION_ID ?? release();
  const [major, minor] = full.split('.');
  const family = FAMILY[id] ?? FAMILY[(osr.ID_LIKE ?? '').split(' ')[0]] ?? name;
  const fqdn = hostname();
  const short = fqdn.split('.')[0];
  const domain = fqdn.split('.').slice(1).join('.');
  let ip = '';
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (!ip && a.family === 'IPv4' && !a.internal) ip = a.address;
  const hw = arch() === 'x64' ? 'x86_64' : arch() === 'arm64' ? 'aarch64' : arch();
  const architecture = family === 'Debian' ? (hw === 'x86_64' ? 'amd64' : hw === 'aarch64' ? 'arm64' : hw) : hw;
  const rel = { full, major, ...(minor ? { minor } : {}) };
  return {
    os: { name: name === 'Debian' || !osr.NAME ? name : osr.NAME.split(' ')[0], family, release: rel, architecture, hardware: hw, distro: { id: osr.ID ?? '', codename: osr.VERSION_CODENAME ?? '', release: rel } },
    networking: { hostname: short, domain, fqdn, ip },
    kernel: type(),
    kernelrelease: release(),
    processors: { count: cpus().length },
    memory: { system: { total_bytes: totalmem() } },
    hostname: short,
    domain,
    fqdn,
    ipaddress: ip,
    osfamily: family,
    operatingsystem: name,
    operatingsystemmajrelease: major,
    architecture,
    clientcert: fqdn,
  };
}
