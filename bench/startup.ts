// bench/startup: what a command costs from nothing to exit, the way a user
// (or a script, or the conformance runner) starts it: `bin/mgmt` (from the
// start-up snapshot) against `node bin/mgmt.js` (the bundle with its code
// cache), next to node's own start. Needs dist/ (`npm run build`).
//
//   npx tsx bench/startup.ts          # 21 runs of each, medians
//   npx tsx bench/startup.ts 51       # more runs

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const runs = Number(process.argv[2] ?? 21);
const tmp = mkdtempSync(join(tmpdir(), 'mgmt-bench-startup-'));
const noop = join(tmp, 'noop.mcl');
writeFileSync(noop, 'noop "n" {}\n');
const hello = join(root, 'examples', 'lang', 'hello.mcl');

const launchers: { name: string; argv: (args: string[]) => string[] }[] = [
  { name: 'bin/mgmt (snapshot)', argv: (a) => [join(root, 'bin', 'mgmt'), ...a] },
  { name: 'node bin/mgmt.js', argv: (a) => [process.execPath, join(root, 'bin', 'mgmt.js'), ...a] },
];
const commands: { name: string; args: string[] }[] = [
  { name: '--version', args: ['--version'] },
  { name: 'check hello.mcl', args: ['check', hello] },
  { name: 'graph hello.mcl', args: ['graph', hello] },
  { name: 'run one noop to convergence', args: ['run', '--tmp-prefix', '--converged-timeout=0', '--lang', noop] },
];

/** Median wall time of `runs` runs, in ms; the runs of every cell are interleaved so load hits all alike. */
function time(argv: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: root, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited with ${r.status}`);
  return performance.now() - t0;
}

const cells = new Map<string, number[]>();
const key = (l: string, c: string) => `${l}\0${c}`;
for (let i = 0; i < runs; i++) {
  cells.set('node', [...(cells.get('node') ?? []), time([process.execPath, '-e', '0'])]);
  for (const c of commands) for (const l of launchers) {
    const k = key(l.name, c.name);
    cells.set(k, [...(cells.get(k) ?? []), time(l.argv(c.args))]);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`# bench/startup — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, median of ${runs}, ms; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
console.log(`node -e 0: ${median(cells.get('node')!).toFixed(1)} ms\n`);
console.log(`| command | ${launchers.map((l) => l.name).join(' | ')} |`);
console.log(`|---|${launchers.map(() => '---:').join('|')}|`);
for (const c of commands) console.log(`| ${c.name} | ${launchers.map((l) => median(cells.get(key(l.name, c.name))!).toFixed(1)).join(' | ')} |`);
