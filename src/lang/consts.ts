// Variables every program sees without an import: `$purpleidea`, `$hostname`
// and the resource constants under `$const.`.

import type { Value } from './types/value.js';

/** Constants that resources register, by dotted name under `const.`. */
const RESOURCE_CONSTANTS: Record<string, Value> = {
  'res.file.state.exists': 'exists',
  'res.file.state.absent': 'absent',
  'res.file.state.undefined': '',
  'res.net.state.up': 'up',
  'res.net.state.down': 'down',
  'res.firewalld.state.exists': 'exists',
  'res.firewalld.state.absent': 'absent',
  // gzip levels are Go's compress/gzip constants.
  'res.gzip.level.no_compression': 0n,
  'res.gzip.level.best_speed': 1n,
  'res.gzip.level.best_compression': 9n,
  'res.gzip.level.default_compression': -1n,
  'res.gzip.level.huffman_only': -2n,
  // tar formats are Go's archive/tar Format values.
  'res.tar.format.unknown': 0n,
  'res.tar.format.ustar': 2n,
  'res.tar.format.pax': 4n,
  'res.tar.format.gnu': 8n,
};

export function globalConstants(hostname: string): Record<string, Value> {
  const out: Record<string, Value> = { purpleidea: 'hello world!', hostname };
  for (const [k, v] of Object.entries(RESOURCE_CONSTANTS)) out[`const.${k}`] = v;
  return out;
}
