// sys.hostname: the kernel's hostname, updated when it changes.
//
// The kernel sends no event for a hostname change that we can listen to
// without D-Bus (systemd-hostnamed signals it there), so we watch
// /etc/hostname, which hostnamectl and most tools rewrite, and re-read the
// kernel's name on each event.

import { hostname as osHostname } from 'node:os';
import type { FuncDef, StreamContext } from '../registry.js';
import { dedupe, watchPath } from '../os/watch.js';

function run(_args: unknown[], ctx: StreamContext): void {
  const emit = dedupe<string>((v) => ctx.emit(v), (v) => v);
  const check = (): void => emit(osHostname());
  check();
  watchPath('/etc/hostname', ctx.signal, check);
}

export const hostname: FuncDef = {
  name: 'hostname',
  sig: 'func() str',
  stream: run,
  doc: 'The hostname of this machine, updated when /etc/hostname changes.',
};
