// virt: manages a libvirt virtual machine.

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'virt',
  doc: 'Manages a libvirt virtual machine.',
  params: [
    param('uri', 'str', 'the libvirt URI (`qemu:///system`)', { field: 'URI' }),
    param('state', 'str', '`running`, `paused` or `shutoff`'),
    param('startup', 'str', '`enabled` (autostart) or `disabled`'),
    param('transient', 'bool', 'a transient domain, gone when stopped; default false'),
    param('cpus', 'int', 'virtual CPUs', { field: 'CPUs' }),
    param('maxcpus', 'int', 'the most virtual CPUs (for hotplug)', { field: 'MaxCPUs' }),
    param('hotcpus', 'bool', 'change CPUs without a restart', { field: 'HotCPUs' }),
    param('memory', 'int', 'memory in KiB'),
    param('osinit', 'str', 'the init to boot (containers)', { field: 'OSInit' }),
    param('boot', '[]str', 'boot devices in order (`hd`, `cdrom`, `network`)'),
    param('disk', '[]struct{source str; type str}', 'disks: image path and format'),
    param('cdrom', '[]struct{source str; type str}', 'CD-ROMs: image path and format', { field: 'CDRom' }),
    param('network', '[]struct{name str; mac str}', 'network interfaces: network name and MAC'),
    param('filesystem', '[]struct{access str; source str; target str; read_only bool}', 'shared host directories'),
    param('auth', 'struct{username str; password str}', 'credentials for the libvirt URI'),
    param('restartondiverge', 'str', 'what to do when the running domain differs: `ignore`, `ifneeded` or `error`', { field: 'RestartOnDiverge' }),
    param('restartonrefresh', 'bool', 'restart on a refresh notification; default false', { field: 'RestartOnRefresh' }),
  ],
};
