// Deploys in etcd: code published by `mgmt deploy` that agents following
// deploys (`mgmt run --seeds URL empty`) take and hot-swap to. The record of
// each deploy is in upstream mgmt's layout:
//
//   /_mgmt/deploy/<id>/payload   the deploy (ids 1, 2, 3, …: each new one is the newest + 1)
//   /_mgmt/deploy/<id>/hash      its git commit, when it was made from one
//
// and is written in one transaction that also checks the chain, as
// upstream's deployer does: <id> is new, <id-1> exists, and (for a git
// deploy) <id-1>'s hash is this commit's parent. The payload is ours: a JSON
// manifest of the deploy's files (path → sha256, size, mode), not upstream's
// gob. The files' contents are stored apart, content-addressed and gzipped,
// so that a deploy that changes one file writes one file:
//
//   /_mgmt/deployfs/<sha256>/<n>  part n of the gzipped content (parts of at most 1 MiB)
//
// etcd refuses a request over 1.5 MiB (--max-request-bytes): each part is
// its own request, and a manifest that would not fit is an error.

import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { Etcd3 } from '../cluster/client.js';
import { within } from '../cluster/client.js';

export const DEPLOY = '/_mgmt/deploy/';
export const DEPLOYFS = '/_mgmt/deployfs/';
/** etcd's default --max-request-bytes. */
export const ETCD_REQUEST_LIMIT = 1.5 * 1024 * 1024;
/** The largest stored part of a file's gzipped content: well inside the limit with the key and framing. */
export const PART_BYTES = 1024 * 1024;

export const payloadKey = (id: number) => `${DEPLOY}${id}/payload`;
export const hashKey = (id: number) => `${DEPLOY}${id}/hash`;
export const partKey = (sha: string, n: number) => `${DEPLOYFS}${sha}/${n}`;

/** One file of a deploy. */
export interface DeployFile {
  /** sha256 of the content (hex). */
  sha256: string;
  size: number;
  /** Permission bits (0o644, 0o755). */
  mode: number;
  /** How many parts the gzipped content was stored in. */
  parts: number;
}

/** The payload of a deploy (JSON). */
export interface Manifest {
  mgmt: 1;
  /** Which frontend runs it. */
  frontend: 'lang' | 'yaml';
  /** What the agent opens, as a deploy path: `/metadata.yaml`, `/site.mcl`, `/graph.yaml`. */
  main: string;
  /** Every file, by deploy path (`/main.mcl`, `/mod1/main.mcl`, `/files/a.txt`). */
  files: Record<string, DeployFile>;
  /** The git commit it was made from, if any. */
  hash?: string;
  /** The host and time it was published from (for logs). */
  from?: string;
  time?: string;
}

/** A file's content ready to store: the manifest entry and its gzipped parts. */
export interface Blob {
  file: DeployFile;
  parts: Buffer[];
}

/** Why a deploy was not published: the chain check or the size, not etcd failing. */
export class DeployRefused extends Error {}

/** The numeric ids of every deploy (from the keys only: payloads are not read). */
export async function deployIds(client: Etcd3): Promise<number[]> {
  const keys = await client.getAll().prefix(DEPLOY).options(within(5000)).keys();
  const ids = new Set<number>();
  for (const k of keys) {
    const m = /^(\d+)\/payload$/.exec(k.slice(DEPLOY.length));
    if (m) ids.add(Number(m[1]));
  }
  return [...ids].sort((a, b) => a - b);
}

/** The newest deploy's id, or 0 when there is none. */
export async function newestDeploy(client: Etcd3): Promise<number> {
  const ids = await deployIds(client);
  return ids.length ? ids[ids.length - 1] : 0;
}

/** Read deploy `id`'s manifest; a payload that is not ours (upstream's gob) is an error saying so. */
export async function readManifest(client: Etcd3, id: number): Promise<Manifest> {
  const text = await client.get(payloadKey(id)).options(within(5000)).string();
  if (text === null) throw new Error(`deploy ${id} does not exist`);
  let m: Manifest;
  try {
    m = JSON.parse(text) as Manifest;
  } catch {
    throw new Error(`deploy ${id} is not one of ours (upstream mgmt's gob encoding?): its payload is not JSON`);
  }
  if (m?.mgmt !== 1 || (m.frontend !== 'lang' && m.frontend !== 'yaml') || typeof m.main !== 'string' || typeof m.files !== 'object') {
    throw new Error(`deploy ${id} is not one of ours: its payload lacks the mgmt manifest fields`);
  }
  for (const p of Object.keys(m.files)) safePath(p);
  safePath(m.main);
  return m;
}

/** A deploy path must stay inside the deploy: absolute, no `..`, no empty parts. */
export function safePath(p: string): string {
  if (!p.startsWith('/') || p.split('/').slice(1).some((s) => s === '' || s === '.' || s === '..')) throw new Error(`bad path in a deploy: \`${p}\``);
  return p;
}

/** The hash key's value of deploy `id` (undefined: none, as for a deploy made without git). */
export async function deployHash(client: Etcd3, id: number): Promise<string | undefined> {
  if (id < 1) return undefined;
  return (await client.get(hashKey(id)).options(within(5000)).string()) ?? undefined;
}

/**
 * Store the parts that are not stored yet (a part already there is never
 * rewritten, so it makes no watch event), batched into transactions of at
 * most 64 puts and 1 MiB. Returns the bytes written.
 */
export async function storeBlobs(client: Etcd3, blobs: Iterable<Blob>): Promise<number> {
  const have = new Set(await client.getAll().prefix(DEPLOYFS).options(within(10_000)).keys());
  const todo: [string, Buffer][] = [];
  for (const b of blobs) {
    b.parts.forEach((p, n) => {
      const key = partKey(b.file.sha256, n);
      if (!have.has(key)) todo.push([key, p]);
      have.add(key);
    });
  }
  let written = 0;
  for (let i = 0; i < todo.length; ) {
    let size = 0;
    const batch: [string, Buffer][] = [];
    while (i < todo.length && batch.length < 64 && (batch.length === 0 || size + todo[i][1].length <= PART_BYTES)) {
      size += todo[i][1].length;
      batch.push(todo[i++]);
    }
    // (A condition that always holds: etcd3 starts every transaction with one.)
    await client.if(DEPLOY, 'Version', '>', -1).then(...batch.map(([k, v]) => client.put(k).value(v))).options(within(15_000)).commit();
    written += size;
  }
  return written;
}

export interface PublishOptions {
  /** This deploy's git commit; with `parent`, the newest deploy's hash must be `parent`. */
  hash?: string;
  parent?: string;
  /** Skip the parent check. */
  force?: boolean;
}

/**
 * Publish a manifest (its blobs stored already) as the next deploy; returns
 * its id. Refused (DeployRefused) when the chain check fails; a race with
 * another deployer is retried against the new newest deploy.
 */
export async function publishManifest(client: Etcd3, manifest: Manifest, opts: PublishOptions = {}): Promise<number> {
  const payload = checkSize(manifest);
  for (let attempt = 0; ; attempt++) {
    const newest = await newestDeploy(client);
    const id = newest + 1;
    const check = Boolean(opts.hash && opts.parent && !opts.force && newest > 0);
    if (opts.hash && !opts.force && newest > 0) {
      const newestHash = await deployHash(client, newest);
      if (newestHash === opts.hash && !opts.force) throw new DeployRefused(`nothing new to deploy: the newest deploy, ${newest}, is already commit ${short(opts.hash!)} (use --force to deploy it again)`);
      if (check && newestHash !== opts.parent) {
        throw new DeployRefused(
          `the newest deploy is ${newest} (${newestHash ? `commit ${short(newestHash)}` : 'made without git'}), but this commit's parent is ${short(opts.parent!)}: ` +
            `deploy a commit that builds on deploy ${newest}, or use --force`,
        );
      }
    }
    let txn = client.if(payloadKey(id), 'Version', '==', 0);
    if (id > 1) txn = txn.and(payloadKey(id - 1), 'Version', '>', 0);
    if (check) txn = txn.and(hashKey(id - 1), 'Value', '==', opts.parent!);
    const ops = [client.put(payloadKey(id)).value(payload)];
    if (opts.hash) ops.push(client.put(hashKey(id)).value(opts.hash));
    const r = await txn.then(...ops).options(within(10_000)).commit();
    if (r.succeeded) return id;
    // Another deploy got this id first: look again (the parent check then explains a refusal).
    if (attempt >= 5) throw new DeployRefused(`deploy id ${id} was taken by another deploy each time we tried; try again`);
  }
}

/** The payload of a manifest, refused when the transaction that writes it would pass etcd's request limit. */
export function checkSize(manifest: Manifest): string {
  const payload = JSON.stringify(manifest);
  // The transaction also holds the hash, the keys and the compares: a few hundred bytes.
  const bytes = Buffer.byteLength(payload) + (manifest.hash?.length ?? 0) + 512;
  if (bytes > ETCD_REQUEST_LIMIT) {
    throw new DeployRefused(`the deploy's list of files is ${fmtBytes(bytes)}, over etcd's request limit of ${fmtBytes(ETCD_REQUEST_LIMIT)}: it has ${Object.keys(manifest.files).length} files; deploy fewer (a smaller files/ directory, or a tar of it)`);
  }
  return payload;
}

/** Fetch one file's content from its parts and check it against its hash. */
export async function fetchFile(client: Etcd3, path: string, f: DeployFile): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let n = 0; n < f.parts; n++) {
    const b = await client.get(partKey(f.sha256, n)).options(within(10_000)).buffer();
    if (b === null) throw new Error(`the content of ${path} (${f.sha256.slice(0, 12)}…, part ${n}) is missing from etcd`);
    parts.push(b);
  }
  const data = gunzipSync(Buffer.concat(parts));
  if (sha256(data) !== f.sha256) throw new Error(`the content of ${path} in etcd does not match its sha256`);
  return data;
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
export const short = (h: string) => (/^[0-9a-f]{40,}$/.test(h) ? h.slice(0, 12) : h);

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
