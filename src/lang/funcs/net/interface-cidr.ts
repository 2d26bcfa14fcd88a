// net.interface_cidr: the address of an interface in CIDR form.

import type { FuncDef, StreamContext } from '../registry.js';
import type { Value } from '../../types/value.js';
import { dedupe, every } from '../os/watch.js';
import { interfaceCidr as cidrOf, POLL_MS } from './interfaces.js';

function run([name]: Value[], ctx: StreamContext): void {
  const emit = dedupe<string>((v) => ctx.emit(v), (v) => v);
  every(POLL_MS, ctx.signal, () => emit(cidrOf(name as string)));
}

export const interfaceCidr: FuncDef = {
  name: 'interface_cidr',
  sig: 'func(interface str) str',
  stream: run,
  doc: 'The first IPv4 (else IPv6) address of an interface as a CIDR, "" if none (re-read every 5 seconds).',
};
