// os.is_virtual: whether this machine is a virtual machine. The CPU's
// `hypervisor` flag is set by every common hypervisor; the DMI vendor strings
// catch the rest.

import { readFileSync } from 'node:fs';
import type { FuncDef } from '../registry.js';

const VM_VENDORS = /\b(qemu|kvm|vmware|virtualbox|innotek|xen|bochs|parallels|microsoft corporation|amazon ec2|google compute engine|openstack)\b/i;

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export function detectVirtual(): boolean {
  if (/^flags\s*:.*\bhypervisor\b/m.test(read('/proc/cpuinfo'))) return true;
  const dmi = ['sys_vendor', 'product_name', 'board_vendor'].map((f) => read(`/sys/class/dmi/id/${f}`)).join('\n');
  return VM_VENDORS.test(dmi);
}

export const isVirtual: FuncDef = {
  name: 'is_virtual',
  sig: 'func() bool',
  fn: () => detectVirtual(),
  doc: 'Whether this machine runs under a hypervisor.',
};
