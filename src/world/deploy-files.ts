// The files of a deploy on local disk: which files `mgmt deploy` publishes
// (gathered from what the compiler read, as the deploy file system that
// `mgmt run --lang` uses: the entry, metadata.yaml, every imported module's
// directory, the deploy's files/), packed for storing in etcd; and, on an
// agent, a published deploy written back to a directory it runs from.

import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Etcd3 } from '../cluster/client.js';
import type { Compiled } from '../lang/index.js';
import type { Blob, DeployFile, Manifest } from './deploys.js';
import { fetchFile, PART_BYTES, safePath, sha256 } from './deploys.js';

/** What to publish: the local directory that is the deploy's `/`, what agents open, and the files. */
export interface LocalDeploy {
  root: string;
  /** Deploy path of what the agent opens (`/metadata.yaml`, `/site.mcl`). */
  main: string;
  /** Absolute local paths, each under `root`. */
  paths: Set<string>;
}

/** The files of an mcl deploy, from its compile: entry, metadata, local imports with their whole module directories, files/. */
export function langFiles(input: string, compiled: Compiled): LocalDeploy {
  const { root, entry, files } = compiled.deploy;
  const paths = new Set<string>();
  let p = resolve(input);
  if (existsSync(p) && statSync(p).isDirectory()) p = existsSync(join(p, 'metadata.yaml')) ? join(p, 'metadata.yaml') : join(p, 'main.mcl');
  const main = basename(p) === 'metadata.yaml' ? '/metadata.yaml' : entry;
  if (main === '/metadata.yaml') paths.add(join(root, 'metadata.yaml'));
  for (const f of compiled.files) {
    paths.add(f);
    // A module is its whole directory (its metadata.yaml, its files/), as upstream copies it.
    const d = dirname(f);
    if (d !== root) walk(d, paths);
  }
  const filesDir = join(root, files);
  if (existsSync(filesDir) && statSync(filesDir).isDirectory()) walk(filesDir, paths);
  for (const f of paths) if (!f.startsWith(root + sep)) throw new Error(`${f} is outside the deploy's directory ${root}`);
  return { root, main, paths };
}

/** A file's bytes, or undefined when it cannot be read. */
function readBytes(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** The files of a YAML deploy: the graph file alone. */
export function yamlFiles(input: string): LocalDeploy {
  const p = resolve(input);
  if (!existsSync(p) || !statSync(p).isFile()) throw new Error(`${input}: no such file`);
  return { root: dirname(p), main: '/' + basename(p), paths: new Set([p]) };
}

/** Every regular file under `dir` (following symbolic links; not `.git`). */
function walk(dir: string, into: Set<string>): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const p = join(dir, e.name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue; // a dangling link
    }
    if (st.isDirectory()) walk(p, into);
    else if (st.isFile()) into.add(p);
  }
}

/** Read, hash and gzip every file: the manifest's entries and the blobs to store. */
export function pack(d: LocalDeploy): { files: Record<string, DeployFile>; blobs: Blob[]; bytes: number } {
  const files: Record<string, DeployFile> = {};
  const blobs: Blob[] = [];
  let bytes = 0;
  for (const abs of [...d.paths].sort()) {
    const data = readFileSync(abs);
    const gz = gzipSync(data);
    const parts: Buffer[] = [];
    for (let o = 0; o < gz.length || o === 0; o += PART_BYTES) parts.push(gz.subarray(o, o + PART_BYTES));
    const file: DeployFile = { sha256: sha256(data), size: data.length, mode: statSync(abs).mode & 0o777, parts: parts.length };
    files['/' + relative(d.root, abs).split(sep).join('/')] = file;
    blobs.push({ file, parts });
    bytes += data.length;
  }
  return { files, blobs, bytes };
}

/**
 * Write deploy `id`'s files into `dir` (made afresh; written beside it first
 * and renamed, so a half-fetched deploy is never run). A file that `prev`
 * (the running deploy, on disk) has with the same content is copied from
 * there; the others are fetched, a few at once. Returns the bytes fetched.
 */
export async function materialize(client: Etcd3, m: Manifest, dir: string, prev?: { manifest: Manifest; dir: string }): Promise<number> {
  let fetched = 0;
  const tmp = `${dir}.part`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const queue = Object.entries(m.files);
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [path, f] = next;
      const local = join(tmp, safePath(path));
      let data = prev && prev.manifest.files[path]?.sha256 === f.sha256 ? readBytes(join(prev.dir, path)) : undefined;
      if (!data || sha256(data) !== f.sha256) {
        data = await fetchFile(client, path, f);
        fetched += data.length;
      }
      mkdirSync(dirname(local), { recursive: true });
      writeFileSync(local, data);
      chmodSync(local, f.mode & 0o777);
    }
  };
  try {
    await Promise.all(Array.from({ length: 8 }, worker));
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    return fetched;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
