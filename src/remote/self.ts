// A jump: a remote agent whose program has `remote` resources ships mgmt on
// from where it runs. It has no installation (no dist/ to build from), so it
// sends the file it was itself started from: the bundle (`node mgmt-<hash>.cjs`)
// or the SEA (`mgmt-sea-<hash>`), both already named by their content hash.

import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Artifact } from './ship.js';

/** The artifact this process was shipped as, or undefined when it runs from an installation. */
export function shippedSelf(hostHasNode: boolean): Artifact | undefined {
  const sea = /^mgmt-sea-([0-9a-f]{16})$/.exec(basename(process.execPath));
  // A SEA carries the etcd client inside; the bundle has it next to itself (ship.ts).
  if (sea) return { kind: 'sea', file: process.execPath, hash: sea[1]!, size: statSync(process.execPath).size, name: basename(process.execPath), extras: [] };
  const script = process.argv[1] ?? '';
  const b = /^mgmt-([0-9a-f]{16})\.cjs$/.exec(basename(script));
  if (!b) return undefined;
  if (!hostHasNode) throw new Error('this mgmt was itself shipped as the node bundle and can pass on only that: the next host needs node v20 or newer');
  const etcd3 = join(dirname(script), `mgmt-${b[1]}-etcd3.cjs`);
  const extras = existsSync(etcd3) ? [{ file: etcd3, name: basename(etcd3), size: statSync(etcd3).size }] : [];
  return { kind: 'bundle', file: script, hash: b[1]!, size: statSync(script).size, name: basename(script), extras };
}
