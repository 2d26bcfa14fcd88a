// virt:builder: builds a VM disk image with virt-builder (name: the output path).

import type { KindDef } from './kind.js';
import { param } from './common.js';

export const kind: KindDef = {
  kind: 'virt:builder',
  doc: 'Builds a VM disk image with virt-builder (name: the output path).',
  params: [
    param('output', 'str', 'the image path; default: the resource name'),
    param('os_version', 'str', 'the OS template (`fedora-40`)', { field: 'OSVersion' }),
    param('arch', 'str', 'the architecture; default: the host\'s'),
    param('hostname', 'str', 'the hostname inside the image'),
    param('format', 'str', 'the image format (`raw`, `qcow2`)'),
    param('size', 'int', 'the image size in bytes'),
    param('packages', '[]str', 'packages to install'),
    param('update', 'bool', 'update all packages; default false'),
    param('selinux_relabel', 'bool', 'relabel for SELinux; default false', { field: 'SELinuxRelabel' }),
    param('no_setup', 'bool', 'skip the first-boot setup; default false'),
    param('ssh_keys', '[]struct{user str; type str; key str; comment str}', 'SSH keys to install', { field: 'SSHKeys' }),
    param('root_ssh_inject', 'bool', 'inject the invoking user\'s SSH key for root; default false', { field: 'RootSSHInject' }),
    param('root_password_selector', 'str', 'the root password selector (`disabled`, `random`…)'),
    param('bootstrap', 'bool', 'install mgmt into the image; default false'),
    param('seeds', '[]str', 'files seeded into the image'),
    param('mkdir', '[]str', 'directories to create in the image'),
    param('copy_in', '[]struct{path str; dest str}', 'host paths to copy into the image'),
    param('run_cmd', '[]str', 'commands to run while building'),
    param('firstboot_cmd', '[]str', 'commands to run at first boot'),
    param('log_output', 'bool', 'log virt-builder\'s output; default false'),
    param('tweaks', 'bool', 'apply mgmt\'s usual image tweaks'),
  ],
};
