// Where the etcd client library comes from. An installed mgmt resolves etcd3
// and cockatiel from node_modules. A mgmt shipped to a remote host
// (docs/remote.md) has no node_modules: it carries them bundled, with
// etcd3's .proto files compiled in (scripts/bundle-etcd3.mjs), as
// - a file next to the running bundle: `<bundle>-etcd3.cjs` (the shipped
//   mgmt-<hash>.cjs has mgmt-<hash>-etcd3.cjs; dist/bundle/mgmt.cjs has
//   dist/bundle/mgmt-etcd3.cjs), or
// - an asset of the self-contained executable, `mgmt-etcd3.cjs`.
// Loaded on first use only, so a run without a cluster never pays for gRPC;
// with require(), because the CLI bundle runs in a vm.Script, where import()
// of a package does not work.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFunction } from 'node:vm';

export interface EtcdLibs {
  etcd3: typeof import('etcd3');
  cockatiel: typeof import('cockatiel');
}

/** The name of the bundled client in a self-contained executable. */
export const SEA_ASSET = 'mgmt-etcd3.cjs';

let libs: EtcdLibs | undefined;

export function etcdLibs(): EtcdLibs {
  if (libs) return libs;
  const here = import.meta.url.startsWith('file:') ? fileURLToPath(import.meta.url) : process.execPath;
  const req = createRequire(here);
  try {
    return (libs = { etcd3: req('etcd3'), cockatiel: req('cockatiel') });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
  }
  const sea = seaAsset(req);
  if (sea !== undefined) {
    const m = { exports: {} as EtcdLibs };
    compileFunction(sea, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: SEA_ASSET })(m.exports, req, m, SEA_ASSET, dirname(process.execPath));
    return (libs = m.exports);
  }
  const candidates = [here.replace(/\.c?js$/, '') + '-etcd3.cjs', join(dirname(here), 'mgmt-etcd3.cjs')];
  const file = candidates.find((f) => existsSync(f));
  if (!file) {
    throw new Error(`the etcd client is missing: no etcd3 in node_modules and no ${candidates.map((f) => basename(f)).join(' or ')} next to ${here} (reinstall mgmt, or run \`npm run build\`)`);
  }
  return (libs = req(file) as EtcdLibs);
}

/** The asset's text when this is a self-contained executable carrying it (node:sea has getAsset from Node 20.12). */
function seaAsset(req: NodeRequire): string | undefined {
  try {
    const sea = req('node:sea') as { isSea(): boolean; getAsset(key: string, encoding: string): string };
    return sea.isSea() ? sea.getAsset(SEA_ASSET, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
