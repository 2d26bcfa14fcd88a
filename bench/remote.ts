// Remote execution timings (docs/remote.md): `mgmt run --remote … --converged-timeout 0`
// against real sshd hosts on 127.0.0.N, from start to exit (the remote agent converged
// and was cleaned up): first run (mgmt copied), cached run, --no-caching, for the node
// bundle and the SEA, with 1 and 5 hosts. Run: npx tsx bench/remote.ts (after npm run build).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeInitiatorHome, startHost, writeKnownHosts, type Host } from '../test/remote/sshd.js';

const root = mkdtempSync(join(tmpdir(), 'mgmt-bench-remote-'));
const home = makeInitiatorHome(root);
const mgmt = join(import.meta.dirname, '..', 'bin', 'mgmt');

function prog(h: Host): string {
  const dir = join(root, 'code', h.addr);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'site.mcl'), `file "${h.dir}/f" {\n\tcontent => "x\\n",\n\tstate => "exists",\n}\n`);
  return join(dir, 'site.mcl');
}

function run(hosts: Host[], extra: string[]): number {
  const env = { ...process.env, HOME: home };
  delete env.SSH_AUTH_SOCK;
  const args = ['run', ...hosts.flatMap((h) => ['--remote', h.url(prog(h))]), '--converged-timeout', '0', ...extra];
  const t0 = performance.now();
  const r = spawnSync(mgmt, args, { env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return ms;
}

const hosts: Host[] = [];
try {
  for (let n = 2; n <= 6; n++) hosts.push(await startHost(root, n, home));
  writeKnownHosts(home, hosts, true);
  const rows: [string, number][] = [];
  for (const [kind, flag] of [['bundle', []], ['sea', ['--remote-sea']]] as const) {
    for (const group of [hosts.slice(0, 1), hosts.slice(1)]) {
      const n = group.length;
      rows.push([`${kind}, ${n} host(s): first run (copy)`, run(group, [...flag])]);
      rows.push([`${kind}, ${n} host(s): cached run`, run(group, [...flag])]);
      rows.push([`${kind}, ${n} host(s): cached run again`, run(group, [...flag])]);
      rows.push([`${kind}, ${n} host(s): --no-caching`, run(group, [...flag, '--no-caching'])]);
    }
  }
  for (const [k, ms] of rows) console.log(`${k.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms`);
} finally {
  for (const h of hosts) h.stop();
  rmSync(root, { recursive: true, force: true });
}
