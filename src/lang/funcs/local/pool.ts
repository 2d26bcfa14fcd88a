// local.pool: hands out small positive integers, one per uid within a
// namespace, and remembers them across runs in env.localDir/pool.json.
// A uid always gets the number it got first; new uids get the lowest free one.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FatalError } from '../registry.js';
import type { FuncDef } from '../registry.js';

type Pools = Record<string, Record<string, number>>;

function load(file: string): Pools {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Pools;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new FatalError(`can't read pool state ${file}: ${(err as Error).message}`);
  }
}

/** The number for `uid` in `namespace`, allocating and saving one if new. */
export function allocate(localDir: string, namespace: string, uid: string): number {
  mkdirSync(localDir, { recursive: true });
  const file = join(localDir, 'pool.json');
  const pools = load(file);
  const ns = (pools[namespace] ??= {});
  const have = ns[uid];
  if (have !== undefined) return have;
  const used = new Set(Object.values(ns));
  let n = 1;
  while (used.has(n)) n++;
  ns[uid] = n;
  // Write then rename, so a crash never leaves half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(pools, null, 2) + '\n');
  renameSync(tmp, file);
  return n;
}

export const pool: FuncDef = {
  name: 'pool',
  effect: 'writes',
  sig: 'func(namespace str, uid str) int',
  fn: ([namespace, uid], ctx) => BigInt(allocate(ctx.env.localDir, namespace as string, uid as string)),
  doc: 'A stable positive integer for uid within namespace: the same uid always gets the same number.',
};
