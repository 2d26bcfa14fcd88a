// deploy.bootstrap_packages: the distro packages a fresh machine needs before
// this mgmt can run there (it is a Node program, so: Node and TLS roots).

import { CatchableError } from '../registry.js';
import type { FuncDef } from '../registry.js';

const PACKAGES: [RegExp, string[]][] = [
  [/^(debian|ubuntu)$/, ['nodejs', 'ca-certificates']],
  [/^(redhat|fedora|rhel|centos|rocky|almalinux)$/, ['nodejs', 'ca-certificates']],
  [/^(archlinux|arch)$/, ['nodejs', 'ca-certificates']],
];

export const bootstrapPackages: FuncDef = {
  name: 'bootstrap_packages',
  sig: 'func(family str) []str',
  fn: ([family]) => {
    const f = family as string;
    const hit = PACKAGES.find(([re]) => re.test(f));
    if (!hit) throw new CatchableError(`no bootstrap packages known for: ${f}`);
    return [...hit[1]];
  },
  doc: 'The packages to install on a new machine of this os family ("debian", "redhat", "archlinux") before running mgmt there.',
};
