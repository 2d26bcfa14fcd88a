// What mgmt ships to a remote host, and the remote cache it goes into.
//
// Two artifacts, both made from the CommonJS bundle dist/bundle/mgmt.cjs and
// the etcd client dist/bundle/mgmt-etcd3.cjs (the shipped mgmt has no
// node_modules; src/cluster/etcd3-load.ts finds the client):
// - mgmt-<hash>.cjs: the bundle plus a line that calls main(), for a host
//   whose `node` is v20 or newer (about 3 MB), with mgmt-<hash>-etcd3.cjs
//   next to it (about 0.6 MB);
// - mgmt-sea-<hash>: a Node single-executable application (SEA: this node
//   binary with the same script injected by postject, the etcd client as an
//   asset), for a host without node (about 100 MB), built on first need into
//   dist/ship/ (not by `npm run build`, which it would slow down by seconds
//   and 100 MB for every developer).
// The start-up snapshot cannot be used by either: a SEA runs its one script,
// and a snapshot belongs to one node binary.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEA_ASSET } from '../cluster/etcd3-load.js';
import { log } from '../util/log.js';

/** The project directory (the one holding package.json and dist/). */
export function projectRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'dist'))) return d;
    d = dirname(d);
  }
  throw new Error('cannot find the mgmt installation (package.json and dist/) to ship to remote hosts');
}

/** dist/ship/ next to the build, or ~/.cache/mgmt/ship/ when the installation is read-only. */
function shipDir(root: string): string {
  for (const d of [join(root, 'dist', 'ship'), join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mgmt', 'ship')]) {
    try {
      mkdirSync(d, { recursive: true });
      accessSync(d, constants.W_OK);
      return d;
    } catch {
      // try the next
    }
  }
  throw new Error('no writable directory for the files mgmt ships to remote hosts (dist/ship or ~/.cache/mgmt/ship)');
}

/** Remove the files of earlier builds (names matching `re`) but those in `keep`. */
function dropOthers(dir: string, re: RegExp, ...keep: string[]): void {
  for (const n of readdirSync(dir)) if (re.test(n) && !keep.includes(join(dir, n))) rmSync(join(dir, n), { force: true });
}

export interface Artifact {
  kind: 'bundle' | 'sea';
  /** Local file to upload. */
  file: string;
  /** Content hash (sha256, first 16 hex digits): the name in the remote cache. */
  hash: string;
  size: number;
  /** The remote file name, in the cache or the temporary directory. */
  name: string;
  /** Files that go next to it under these names (the bundle's etcd client). */
  extras: { file: string; name: string; size: number }[];
}

// Node's SEA fuse. Never written as one literal: this code is itself inside the
// injected script, and postject refuses a binary holding the sentinel twice.
const SENTINEL = ['NODE_SEA_FUSE', 'fce680ab2cc467b6e072b8b5df1996b2'].join('_');

const LAUNCH = `\n;module.exports.main(process.argv.slice(2)).catch((e) => { process.stderr.write('mgmt: ' + (e && e.stack || e) + '\\n'); process.exitCode = 70; });\n`;

/**
 * dist/ship/mgmt-<hash>.cjs, the bundle that runs main() itself, and
 * mgmt-<hash>-etcd3.cjs, the etcd client it loads from next to itself (both
 * remade when either changed; the hash covers both).
 */
function launcher(root: string): { file: string; hash: string; etcd3: string } {
  const bundle = join(root, 'dist', 'bundle', 'mgmt.cjs');
  const client = join(root, 'dist', 'bundle', 'mgmt-etcd3.cjs');
  for (const f of [bundle, client]) if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` first`);
  const text = readFileSync(bundle, 'latin1') + LAUNCH;
  const etcd3Text = readFileSync(client);
  const hash = createHash('sha256').update(text, 'latin1').update(etcd3Text).digest('hex').slice(0, 16);
  const dir = shipDir(root);
  const file = join(dir, `mgmt-${hash}.cjs`);
  const etcd3 = join(dir, `mgmt-${hash}-etcd3.cjs`);
  if (!existsSync(file) || !existsSync(etcd3)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${etcd3}.tmp`, etcd3Text);
    renameSync(`${etcd3}.tmp`, etcd3);
    writeFileSync(`${file}.tmp`, text, 'latin1');
    renameSync(`${file}.tmp`, file);
    dropOthers(dir, /^mgmt-[0-9a-f]{16}(-etcd3)?\.cjs$/, file, etcd3);
  }
  return { file, hash, etcd3 };
}

export function bundleArtifact(): Artifact {
  const { file, hash, etcd3 } = launcher(projectRoot());
  const extras = [{ file: etcd3, name: `mgmt-${hash}-etcd3.cjs`, size: statSync(etcd3).size }];
  return { kind: 'bundle', file, hash, size: statSync(file).size, name: `mgmt-${hash}.cjs`, extras };
}

/** Build (once per bundle and node binary) the SEA, and describe it. */
export function seaArtifact(): Artifact {
  const root = projectRoot();
  const { file: script, hash: scriptHash, etcd3 } = launcher(root);
  const node = readFileSync(process.execPath);
  const hash = createHash('sha256').update(scriptHash).update(node).digest('hex').slice(0, 16);
  const dir = shipDir(root);
  const out = join(dir, `mgmt-sea-${hash}`);
  if (!existsSync(out)) {
    const t0 = performance.now();
    log.info(`building the self-contained mgmt for hosts without node (once): ${out}`);
    const blob = join(dir, `sea-${hash}.blob`);
    const config = join(dir, `sea-${hash}.json`);
    writeFileSync(config, JSON.stringify({ main: script, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false, assets: { [SEA_ASSET]: etcd3 } }));
    const made = spawnSync(process.execPath, ['--experimental-sea-config', config], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`node --experimental-sea-config failed: ${made.stderr}`);
    const tmp = `${out}.tmp`;
    copyFileSync(process.execPath, tmp);
    chmodSync(tmp, 0o755);
    const postject = join(root, 'node_modules', 'postject', 'dist', 'cli.js');
    const inj = spawnSync(process.execPath, [postject, tmp, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SENTINEL], {
      encoding: 'utf8',
      // postject prints a warning per ELF note it cannot name; only its last lines matter.
      maxBuffer: 64 << 20,
    });
    rmSync(blob, { force: true });
    rmSync(config, { force: true });
    if (inj.status !== 0) {
      rmSync(tmp, { force: true });
      throw new Error(`postject failed (exit ${inj.status}${inj.error ? `, ${inj.error.message}` : ''}; is the postject package installed?): ${(inj.stderr || inj.stdout || '').split('\n').filter((l) => l && !/^warning: Can't find string offset/.test(l)).slice(-5).join('\n')}`);
    }
    renameSync(tmp, out);
    // 100 MB each: keep only the current one.
    dropOthers(dir, /^mgmt-sea-[0-9a-f]{16}$/, out);
    log.info(`built ${out} (${(statSync(out).size / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - t0)} ms`);
  }
  return { kind: 'sea', file: out, hash, size: statSync(out).size, name: `mgmt-sea-${hash}`, extras: [] };
}

/** The node versions whose bundle we trust: this one's major or newer. */
export function nodeCompatible(version: string): boolean {
  const m = /^v(\d+)\./.exec(version.trim());
  return !!m && Number(m[1]) >= 20;
}
