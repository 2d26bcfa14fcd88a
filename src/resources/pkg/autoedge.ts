// pkg's AutoEdges: a file or svc resource comes after the pkg whose file list
// holds its path (the package ships /etc/drbd.conf, so pkg[drbd-utils] →
// file[/etc/drbd.conf]; it ships drbd.service, so → svc[drbd]); so does an
// exec whose program the package ships. File lists
// come from PackageKit (GetFiles), which is asynchronous, while the kinds'
// autoEdges are synchronous: so this is a separate step the engine awaits
// when a graph is swapped in, before AutoGroup (a new edge may keep two
// vertices apart). Only installed packages have file lists with the apt
// backend; a package that is not installed yet gets its edges on the next
// graph. Lists are cached until dpkg's status file changes. Failing to ask
// the package manager adds no edges and says so (the reference allows it).
// On a dpkg system the lists are dpkg's own (info/NAME.list, the files
// PackageKit's apt backend reads for GetFiles): no transaction at all.

import { readFileSync, statSync } from 'node:fs';
import type { ResourceGraph, Vertex } from '../../engine/graph.js';
import { vertexId } from '../../engine/graph.js';
import type { Logger } from '../../util/log.js';
import { withTimeout } from '../../util/dbus.js';
import { filePath } from '../file.js';
import { getBool } from '../common.js';
import { getKind } from '../index.js';
import { PackageKit } from './packagekit.js';
import { DPKG_DIR } from './resource.js';
import { dpkgDb, entriesFor, isInstalled, readDpkgStatus } from './dpkg.js';

/** The whole step may take this long before it gives up (and adds nothing). */
export const AUTOEDGE_TIMEOUT_MS = 15_000;

let cache: { stamp: string; files: Map<string, Set<string>> } = { stamp: '', files: new Map() };

function dpkgStamp(): string {
  try {
    const st = statSync(`${DPKG_DIR}/status`);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return 'none';
  }
}

/** Installed packages' file lists, by name (absent names: not installed or unknown). */
export type FileLister = (names: string[]) => Promise<Map<string, Set<string>>>;

/** Ask PackageKit: Resolve for the installed ids, then GetFiles, in two transactions. */
export const packageKitFiles: FileLister = async (names) => {
  const stamp = dpkgStamp();
  if (stamp !== cache.stamp) cache = { stamp, files: new Map() };
  const missing = names.filter((n) => !cache.files.has(n));
  if (missing.length > 0) {
    const pk = await PackageKit.connect();
    try {
      const known = await pk.resolve(missing);
      const ids = [...known.values()].flat().filter((p) => p.installed).map((p) => p.id);
      for (const [id, files] of await pk.files(ids)) cache.files.set(id.split(';')[0], new Set(files));
      // Remember "no list" too, so a swap does not ask again.
      for (const n of missing) if (!cache.files.has(n)) cache.files.set(n, new Set());
    } finally {
      pk.close();
    }
  }
  return new Map(names.map((n) => [n, cache.files.get(n) ?? new Set<string>()]));
};

/**
 * dpkg's own file lists for the installed packages among `names`: a package
 * dpkg shows absent has none (as with PackageKit). Names it cannot settle (no
 * trustworthy status file, a list file missing) go to PackageKit.
 */
export const dpkgFiles: FileLister = async (names) => {
  const st = readDpkgStatus(names);
  if (!st) return packageKitFiles(names);
  const out = new Map<string, Set<string>>();
  const ask: string[] = [];
  for (const n of names) {
    const installed = entriesFor(st, n).filter(isInstalled);
    if (installed.length === 0) {
      out.set(n, new Set());
      continue;
    }
    try {
      const files = new Set<string>();
      for (const e of installed) {
        // A Multi-Arch: same package's list carries its architecture.
        let text: string;
        try {
          text = readFileSync(`${dpkgDb.dir}/info/${e.name}:${e.arch}.list`, 'utf8');
        } catch {
          text = readFileSync(`${dpkgDb.dir}/info/${e.name}.list`, 'utf8');
        }
        for (const line of text.split('\n')) if (line) files.add(line);
      }
      out.set(n, files);
    } catch {
      ask.push(n);
    }
  }
  if (ask.length > 0) for (const [n, f] of await packageKitFiles(ask)) out.set(n, f);
  return out;
};

const noSlash = (p: string) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);

/** The paths whose presence in a file list ties `v` to that package. */
function pathsOf(v: Vertex): string[] {
  if (v.kind === 'file') return [noSlash(filePath(v))];
  // exec: the programs it runs (the files its own AutoEdges look for; directories end in `/`).
  if (v.kind === 'exec') return (getKind('exec')?.autoEdges?.(v) ?? []).flatMap((r) => r.uids.filter((u) => u.kind === 'file' && !u.key.endsWith('/')).map((u) => u.key));
  if (v.kind === 'svc') {
    const unit = `${v.name}.service`;
    const sub = getBool(v, 'session') ? 'user' : 'system';
    // Debian's packages list /lib/systemd/…, others /usr/lib/systemd/….
    return [`/lib/systemd/${sub}/${unit}`, `/usr/lib/systemd/${sub}/${unit}`];
  }
  return [];
}

/**
 * Add pkg → file/svc edges to `graph` in place; returns how many. Never
 * throws: a package manager that cannot be asked is a warning.
 */
export async function addPkgAutoEdges(graph: ResourceGraph, log?: Logger, lister: FileLister = dpkgFiles): Promise<number> {
  const pkgs = graph.vertices.filter((v) => v.kind === 'pkg' && v.meta.autoedge);
  const targets = graph.vertices.filter((v) => v.meta.autoedge && pathsOf(v).length > 0);
  if (pkgs.length === 0 || targets.length === 0) return 0;
  let lists: Map<string, Set<string>>;
  try {
    lists = await withTimeout(lister(pkgs.map((p) => p.name)), AUTOEDGE_TIMEOUT_MS, 'asking the package manager for file lists');
  } catch (e) {
    log?.warn(`pkg autoedges skipped: ${(e as Error).message}`);
    return 0;
  }
  let added = 0;
  for (const p of pkgs) {
    const files = lists.get(p.name);
    if (!files || files.size === 0) continue;
    for (const t of targets) {
      if (t === p || !pathsOf(t).some((x) => files.has(x))) continue;
      if (graph.edges.some((e) => e.from === p && e.to === t)) continue;
      // An edge against an existing path would make a cycle: leave it out.
      if (graph.hasPath(t, p)) {
        log?.warn(`pkg autoedge ${vertexId(p)} -> ${vertexId(t)} skipped: it would make a cycle`);
        continue;
      }
      graph.addEdge(p, t, false);
      added++;
    }
  }
  return added;
}
