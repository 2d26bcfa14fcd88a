// CFEngine 3 (`cf-agent`, Debian's cfengine3) on the benches' file work: the
// same N files (content "hello I\n", mode 0640) as one `files:` promise each.
// cf-agent runs with a work dir of its own (-w: its state, locks and
// cf-promises, never /var/lib/cfengine3), -K (no locks: every run does the
// whole check, as `mgmt run` does), and a policy that names no server: it
// reads local files and runs `ifconfig -a` for its discovery, nothing more.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function haveCfAgent(): boolean {
  return spawnSync('cf-agent', ['--version'], { stdio: 'ignore' }).status === 0;
}

export const cfVersion = () => spawnSync('cf-agent', ['--version'], { encoding: 'utf8' }).stdout.trim();

/**
 * Write the policy for N files under `dir` into the work dir `wd` (made ready
 * for cf-agent: it pre-validates a policy with `wd/bin/cf-promises`); returns its path.
 */
export function cfPolicy(wd: string, dir: string, n: number): string {
  for (const d of ['bin', 'inputs']) mkdirSync(join(wd, d), { recursive: true, mode: 0o700 });
  const promises = join(wd, 'bin', 'cf-promises');
  if (!existsSync(promises)) symlinkSync('/usr/bin/cf-promises', promises);
  const lines = [
    'body common control { bundlesequence => { "main" }; }',
    // rxdirs stated, or cf-agent warns twice per file.
    'body perms m { mode => "0640"; rxdirs => "false"; }',
    'bundle agent main {',
    'files:',
  ];
  for (let i = 0; i < n; i++) lines.push(`  "${dir}/f${i}" create => "true", content => "hello ${i}$(const.n)", perms => m;`);
  lines.push('}');
  const file = join(wd, 'inputs', `files${n}.cf`);
  writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 });
  return file;
}

export interface CfRun {
  ms: number;
  cpuS: number;
  rssMB: number;
  code: number | null;
  out: string;
}

/** One `cf-agent -K -w WD -f POLICY`, whole process: wall ms, CPU s (user + sys), peak RSS. */
export function cfAgent(wd: string, policy: string): CfRun {
  const timeFile = join(wd, 'time');
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, 'cf-agent', '-K', '-w', wd, '-f', policy], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  const [u, s, m] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { ms, cpuS: u + s, rssMB: m / 1024, code: r.status, out: r.stdout + r.stderr };
}
