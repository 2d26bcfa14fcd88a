// The `os` module: facts about the local machine, several of them streams.

import type { ModuleDef } from '../registry.js';
import { args } from './args.js';
import { FAMILY_ARCHLINUX, FAMILY_DEBIAN, FAMILY_REDHAT } from './distro.js';
import { expandHomeFunc } from './expand-home.js';
import { family } from './family.js';
import { fileExists } from './file-exists.js';
import { home } from './home.js';
import { isFamilyArchlinux } from './is-family-archlinux.js';
import { isFamilyDebian } from './is-family-debian.js';
import { isFamilyRedhat } from './is-family-redhat.js';
import { isVirtual } from './is-virtual.js';
import { modinfoLoaded } from './modinfo-loaded.js';
import { parseDistroUidFunc } from './parse-distro-uid.js';
import { readfile } from './readfile.js';
import { release } from './release.js';
import { system } from './system.js';
import { uid } from './uid.js';
import { userExists } from './user-exists.js';

export const module: ModuleDef = {
  path: 'os',
  funcs: [
    args, expandHomeFunc, family, fileExists, home, isFamilyArchlinux, isFamilyDebian, isFamilyRedhat,
    isVirtual, modinfoLoaded, parseDistroUidFunc, readfile, release, system, uid, userExists,
  ],
  vars: {
    family_redhat: FAMILY_REDHAT,
    family_debian: FAMILY_DEBIAN,
    family_archlinux: FAMILY_ARCHLINUX,
  },
};
