// The seed's four package scenarios, timed for several tools in one run:
// one package check / install, three packages check / install.
//
//   npx tsx bench/pkg.ts                  # 3 rounds, sl + figlet + rig
//   npx tsx bench/pkg.ts 5 sl cowsay fortune-mod
//
// Tools: `mgmt run --converged-timeout=0` (after `npm run build`), `pkcon`,
// `apt-get` and `puppet apply` (each skipped when not installed). "install"
// starts with the packages removed (apt-get remove, outside the timing);
// "check" starts with them installed, so the tool only has to find nothing to
// do. pkcon has no no-op install, so its check is `pkcon resolve --filter
// installed`. Needs root, a system bus and PackageKit (test/system/setup.ts
// starts them). Prints a markdown table of medians in ms.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePackageKit } from '../test/system/setup.js';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const rounds = args[0] && /^\d+$/.test(args[0]) ? Number(args.shift()) : 3;
const three = args.length >= 3 ? args.slice(0, 3) : ['sl', 'figlet', 'rig'];
const one = [three[0]];
const tmp = mkdtempSync(join(tmpdir(), 'mgmt-bench-pkg-'));

function sh(cmd: string, argv: string[]): { ok: boolean; ms: number; out: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: root, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return { ok: r.status === 0, ms: performance.now() - t0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

const has = (bin: string) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
const installed = (p: string) => /install ok installed/.test(spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout ?? '');
const apt = (...a: string[]) => sh('apt-get', ['-y', '-qq', '-o', 'DPkg::Lock::Timeout=300', ...a]);

function mclFor(pkgs: string[]): string {
  const f = join(tmp, `pkgs-${pkgs.length}.mcl`);
  writeFileSync(f, pkgs.map((p) => `pkg "${p}" {\n\tstate => "installed",\n}\n`).join('\n'));
  return f;
}

type Tool = { name: string; available: boolean; install: (p: string[]) => string[]; check: (p: string[]) => string[] };

// bin/mgmt: the command npm installs (it starts node from the start-up snapshot).
const mgmt = ['bin/mgmt', 'run', '--tmp-prefix', '--converged-timeout=0', '--lang'];
const puppetManifest = (p: string[]) => `package { [${p.map((x) => `'${x}'`).join(', ')}]: ensure => installed }`;

const tools: Tool[] = [
  { name: 'mgmt run --converged-timeout=0', available: existsSync(join(root, 'dist/cli/main.js')), install: (p) => [...mgmt, mclFor(p)], check: (p) => [...mgmt, mclFor(p)] },
  { name: 'pkcon', available: has('pkcon'), install: (p) => ['pkcon', '-p', '-y', 'install', ...p], check: (p) => ['pkcon', '-p', '--filter', 'installed', 'resolve', ...p] },
  { name: 'apt-get', available: has('apt-get'), install: (p) => ['apt-get', '-y', '-qq', 'install', ...p], check: (p) => ['apt-get', '-y', '-qq', 'install', ...p] },
  { name: 'puppet apply', available: has('puppet'), install: (p) => ['puppet', 'apply', '-e', puppetManifest(p)], check: (p) => ['puppet', 'apply', '-e', puppetManifest(p)] },
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

async function main(): Promise<void> {
  const pk = await ensurePackageKit();
  if (pk.skip) {
    console.error(`cannot run: ${pk.skip}`);
    process.exit(1);
  }
  const scenarios: { name: string; pkgs: string[]; mode: 'check' | 'install' }[] = [
    { name: '1 package, check', pkgs: one, mode: 'check' },
    { name: '1 package, install', pkgs: one, mode: 'install' },
    { name: '3 packages, check', pkgs: three, mode: 'check' },
    { name: '3 packages, install', pkgs: three, mode: 'install' },
  ];
  const results = new Map<string, Map<string, number[]>>();
  for (let round = 0; round < rounds; round++) {
    for (const tool of tools.filter((t) => t.available)) {
      for (const sc of scenarios) {
        // Set the stage outside the timing.
        if (sc.mode === 'install') apt('remove', ...three);
        else if (!sc.pkgs.every(installed)) apt('install', ...sc.pkgs);
        const [cmd, ...argv] = sc.mode === 'install' ? tool.install(sc.pkgs) : tool.check(sc.pkgs);
        const r = sh(cmd, argv);
        const ok = sc.pkgs.every(installed);
        if (!ok) console.error(`${tool.name} / ${sc.name}: packages not installed afterwards:\n${r.out.slice(-2000)}`);
        process.stderr.write(`round ${round + 1} ${tool.name} / ${sc.name}: ${Math.round(r.ms)} ms\n`);
        const byTool = results.get(sc.name) ?? new Map<string, number[]>();
        results.set(sc.name, byTool);
        byTool.set(tool.name, [...(byTool.get(tool.name) ?? []), ok ? r.ms : NaN]);
      }
    }
  }
  apt('remove', ...three);
  await pk.stop();
  const avail = tools.filter((t) => t.available).map((t) => t.name);
  const lines = [`| scenario (${three.join(', ')}; median of ${rounds}, ms) | ${avail.join(' | ')} |`, `|---|${avail.map(() => '---:').join('|')}|`];
  for (const sc of scenarios) {
    const byTool = results.get(sc.name)!;
    lines.push(`| ${sc.name} | ${avail.map((t) => (Number.isNaN(median(byTool.get(t)!)) ? 'failed' : Math.round(median(byTool.get(t)!)).toLocaleString('en'))).join(' | ')} |`);
  }
  console.log(lines.join('\n'));
}

await main();
