// Run the built CLI (`node bin/mgmt.js`) as a user would. Needs dist/.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;
const bin = join(root, 'bin', 'mgmt.js');

export function requireDist(): void {
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
}

export function mgmt(args: string[], nodeArgs: string[] = []): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [...nodeArgs, bin, ...args], { encoding: 'utf8', cwd: root, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Best wall time of `n` runs of node with these args, in ms. */
export function bestTime(args: string[], n = 3): number {
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
