// Local network interfaces, for macs, interface_cidr, wired_interface and
// util.hostname_mapper.
//
// Link and address changes are announced over rtnetlink, which Node cannot
// subscribe to without a native addon, so the streams re-read
// os.networkInterfaces() every POLL_MS and emit only when the answer changes.

import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

export const POLL_MS = 5000;

const ZERO_MAC = '00:00:00:00:00:00';

/** MAC addresses of the non-loopback interfaces, sorted and without duplicates. */
export function localMacs(): string[] {
  const out = new Set<string>();
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (!a.internal && a.mac !== ZERO_MAC) out.add(a.mac.toLowerCase());
  }
  return [...out].sort();
}

/** The first IPv4 CIDR of an interface (IPv6 if it has none), or "" when it has no address. */
export function interfaceCidr(name: string): string {
  const addrs = networkInterfaces()[name] ?? [];
  const v4 = addrs.find((a) => a.family === 'IPv4');
  const pick = v4 ?? addrs.find((a) => a.family === 'IPv6');
  return pick?.cidr ?? '';
}

/** Whether an interface is wired: a physical device (sysfs `device`) that is not wireless. */
function isWired(name: string): boolean {
  const sys = `/sys/class/net/${name}`;
  if (existsSync(sys)) return existsSync(`${sys}/device`) && !existsSync(`${sys}/wireless`);
  // No sysfs (not Linux): go by the usual names of ethernet devices.
  return /^(en|eth)/.test(name);
}

/** The name of the first wired interface in name order, or "". */
export function wiredInterface(): string {
  const names = Object.entries(networkInterfaces())
    .filter(([, addrs]) => (addrs ?? []).every((a) => !a.internal))
    .map(([n]) => n)
    .sort();
  return names.find(isWired) ?? '';
}
