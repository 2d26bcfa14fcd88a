// util.hostname_mapper: picks this machine's hostname out of a table keyed by
// MAC address, so one program can name many machines by their NICs.

import type { FuncDef } from '../registry.js';
import { MapValue } from '../../types/value.js';
import { localMacs } from '../net/interfaces.js';

/** The hostname of the first local MAC (in sorted order) found in the table, or "". */
export function mapHostname(table: MapValue, macs: string[]): string {
  // Keys may be written in either case or with hyphens.
  const byMac = new Map<string, string>();
  for (const k of table.keys()) byMac.set((k as string).toLowerCase().replace(/-/g, ':'), table.get(k) as string);
  for (const mac of macs) {
    const host = byMac.get(mac);
    if (host !== undefined) return host;
  }
  return '';
}

export const hostnameMapper: FuncDef = {
  name: 'hostname_mapper',
  sig: 'func(mapping map{str: str}) str',
  fn: ([table]) => mapHostname(table as MapValue, localMacs()),
  doc: 'The hostname mapped to one of this machine\'s MAC addresses in a {mac: hostname} table, or "" if none matches.',
};
