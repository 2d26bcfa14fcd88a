// Run the built CLI as a user would: through bin/mgmt, the command npm
// installs, which starts from the start-up snapshot. Needs dist/.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;
/** The `mgmt` command (a shell script that execs node, so its pid is node's). */
export const launcher = join(root, 'bin', 'mgmt');

export function requireDist(): void {
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
}

/** Run `mgmt ARGS`; with `nodeArgs`, `node NODEARGS bin/mgmt.js ARGS` instead (node's own flags need node's launcher). */
export function mgmt(args: string[], nodeArgs: string[] = []): { code: number | null; out: string; err: string } {
  const [cmd, argv] = nodeArgs.length ? [process.execPath, [...nodeArgs, join(root, 'bin', 'mgmt.js'), ...args]] : [launcher, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: root, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
