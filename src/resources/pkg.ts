// pkg: installs, upgrades or removes a system package. Duplicates may merge
// (`installed` + `newest` → `newest`) when the rest agrees.

import type { KindDef, ResourceSpec } from './kind.js';
import { getBool, getStr, groupSameKind, param } from './common.js';
import { PkgResource } from './pkg/resource.js';

const KEYWORDS = ['installed', 'uninstalled', 'newest'];
const FLAGS = ['allowdowngrade', 'allowuntrusted', 'allownonfree', 'allowunsupported'];

/** The state with its default: `installed` when unset (an explicit "" stays "" and fails Validate). */
export function pkgState(res: ResourceSpec): string {
  return getStr(res, 'state', 'installed');
}

const isVersion = (state: string): boolean => !KEYWORDS.includes(state);

export const kind: KindDef = {
  kind: 'pkg',
  doc: 'Installs, upgrades or removes a package through the system package manager.',
  params: [
    param('state', 'str', '`installed` (default), `uninstalled`, `newest`, or an exact version'),
    param('allowdowngrade', 'bool', 'allow installing an older version; default false', { field: 'AllowDowngrade' }),
    param('allowuntrusted', 'bool', 'allow unsigned or untrusted packages; default false', { field: 'AllowUntrusted' }),
    param('allownonfree', 'bool', 'allow non-free packages; default false', { field: 'AllowNonFree' }),
    param('allowunsupported', 'bool', 'allow packages the distribution does not support; default false', { field: 'AllowUnsupported' }),
  ],
  validate(res: ResourceSpec) {
    const state = pkgState(res);
    if (state === '') return 'state cannot be empty';
    if (state === 'latest') return 'state is invalid, did you mean `newest` ?';
    return undefined;
  },
  merge(a, b) {
    const sa = pkgState(a);
    const sb = pkgState(b);
    if (sa !== sb) {
      const reason = `state differs in an incompatible way: ${sa} vs ${sb}`;
      if (sa === 'uninstalled' || sb === 'uninstalled' || isVersion(sa) || isVersion(sb)) return reason;
    }
    for (const f of FLAGS) {
      const x = getBool(a, f);
      const y = getBool(b, f);
      if (x !== y) return `${f} differs: ${x} vs ${y}`;
    }
    if (sa === sb) return a;
    // One is installed, the other newest: newest satisfies both.
    const params = new Map(a.params);
    params.set('state', 'newest');
    return { ...a, params };
  },
  // Only keyword states of the same kind group: a version pins one package.
  groupCmp: (parent, child) =>
    groupSameKind(parent, child) && pkgState(parent) === pkgState(child) && !isVersion(pkgState(parent)),
  // AutoEdges (pkg → its files and services) need the package's file list from
  // PackageKit, which is asynchronous: src/resources/pkg/autoedge.ts adds them
  // when the engine swaps a graph in, not through the synchronous autoEdges.
  create: (spec) => new PkgResource(spec),
};
