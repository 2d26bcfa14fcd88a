// Remote execution against real sshd hosts on 127.0.0.N (bench/README.md, "Remote"):
// `mgmt run --remote … --converged-timeout 0` for 1 and 5 hosts, first run (mgmt
// copied into an empty remote cache) and cached run, timed from the start to each
// host's first `converged` line (the slowest host counts) and to the exit; and
// Ansible (`ansible-playbook`, Debian's) bringing the same hosts to the same state,
// the program's two files, over the same sshds, side by side.
//
// Bytes are counted by a TCP relay in front of each sshd (both tools connect
// through it): what crosses the wire, SSH framing and encryption included.
//
// Run: npm run build && npx tsx bench/remote.ts [--reps N] [--sea]

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { cpus, loadavg, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { makeInitiatorHome, startHost, type Host } from '../test/remote/sshd.js';

const argv = process.argv.slice(2);
const reps = Number(argv[argv.indexOf('--reps') + 1]) || 3;
const sea = argv.includes('--sea');
const root = mkdtempSync(join(tmpdir(), 'mgmt-bench-remote-'));
const home = makeInitiatorHome(root);
const mgmt = join(import.meta.dirname, '..', 'bin', 'mgmt');
const user = userInfo().username;

interface Relay {
  port: number;
  up: number;
  down: number;
  server: Server;
}

/** A counting TCP relay on the host's address, in front of its sshd. */
function relay(h: Host): Promise<Relay> {
  const r: Relay = { port: 0, up: 0, down: 0, server: createServer() };
  r.server.on('connection', (c) => {
    const s = connect(h.port, h.addr);
    c.on('data', (d) => (r.up += d.length));
    s.on('data', (d) => (r.down += d.length));
    c.pipe(s).pipe(c);
    c.on('error', () => s.destroy());
    s.on('error', () => c.destroy());
  });
  return new Promise((res) =>
    r.server.listen(0, h.addr, () => {
      r.port = (r.server.address() as { port: number }).port;
      res(r);
    }),
  );
}

const files = (h: Host) => [join(h.dir, 'bench', 'one'), join(h.dir, 'bench', 'two')];

function prog(h: Host): string {
  const dir = join(root, 'code', h.addr);
  mkdirSync(dir, { recursive: true });
  const [one, two] = files(h);
  writeFileSync(join(dir, 'site.mcl'), `file "${h.dir}/bench/" {\n\tstate => "exists",\n}\nfile "${one}" {\n\tcontent => "one\\n",\n\tstate => "exists",\n}\nfile "${two}" {\n\tcontent => "two\\n",\n\tstate => "exists",\n}\n`);
  return join(dir, 'site.mcl');
}

interface Run {
  converged: number;
  exit: number;
  up: number;
  down: number;
}

function counted(rs: Relay[]): () => { up: number; down: number } {
  const u0 = rs.reduce((a, r) => a + r.up, 0);
  const d0 = rs.reduce((a, r) => a + r.down, 0);
  return () => ({ up: rs.reduce((a, r) => a + r.up, 0) - u0, down: rs.reduce((a, r) => a + r.down, 0) - d0 });
}

/** mgmt run --remote for `hosts`; resolves when it exited, with the slowest host's first `converged`. */
function runMgmt(hosts: Host[], rs: Relay[], extra: string[]): Promise<Run> {
  const env = { ...process.env, HOME: home };
  delete env.SSH_AUTH_SOCK;
  const args = ['run', ...hosts.flatMap((h, i) => ['--remote', `ssh://${user}@${h.addr}:${rs[i]!.port}${prog(h)}`]), '--converged-timeout', '0', ...extra];
  const bytes = counted(rs);
  const t0 = performance.now();
  const p = spawn(mgmt, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const seen = new Map<string, number>();
  let err = '';
  let buf = '';
  p.stderr!.on('data', (d: Buffer) => {
    err += d;
    buf += d;
    const lines = buf.split('\n');
    buf = lines.pop()!;
    for (const l of lines) {
      const m = /^(127\.0\.0\.\d+:\d+): .*\bconverged$/.exec(l);
      if (m && !seen.has(m[1]!)) seen.set(m[1]!, performance.now() - t0);
    }
  });
  return new Promise((res, rej) =>
    p.on('close', (code) => {
      if (code !== 0 || seen.size !== hosts.length) return rej(new Error(`mgmt exit ${code}, ${seen.size}/${hosts.length} converged: ${err.slice(-2000)}`));
      res({ converged: Math.max(...seen.values()), exit: performance.now() - t0, ...bytes() });
    }),
  );
}

function runAnsible(hosts: Host[], rs: Relay[]): Promise<Run> {
  const dir = mkdtempSync(join(root, 'ansible-'));
  const kh = join(home, '.ssh', 'known_hosts');
  const inv = hosts.map((h, i) => `h${h.addr.split('.')[3]} ansible_host=${h.addr} ansible_port=${rs[i]!.port} ansible_user=${user} ansible_ssh_private_key_file=${join(home, '.ssh', 'id_ed25519')} base=${h.dir}/bench`).join('\n');
  writeFileSync(join(dir, 'hosts'), `[bench]\n${inv}\n[bench:vars]\nansible_ssh_common_args='-o UserKnownHostsFile=${kh} -o StrictHostKeyChecking=yes'\nansible_python_interpreter=/usr/bin/python3\n`);
  writeFileSync(
    join(dir, 'site.yml'),
    `- hosts: bench\n  gather_facts: false\n  tasks:\n    - file: { path: "{{ base }}", state: directory }\n    - copy: { dest: "{{ base }}/one", content: "one\\n" }\n    - copy: { dest: "{{ base }}/two", content: "two\\n" }\n`,
  );
  const env = { ...process.env, HOME: home, ANSIBLE_SSH_CONTROL_PATH_DIR: join(dir, 'cp'), ANSIBLE_FORKS: '5', ANSIBLE_NOCOWS: '1' };
  delete env.SSH_AUTH_SOCK;
  const bytes = counted(rs);
  const t0 = performance.now();
  // Not spawnSync: the relays run in this process's event loop.
  const p = spawn('ansible-playbook', ['-i', join(dir, 'hosts'), join(dir, 'site.yml')], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout!.on('data', (d) => (out += d));
  p.stderr!.on('data', (d) => (out += d));
  return new Promise((res, rej) =>
    p.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) return rej(new Error(`ansible-playbook exit ${code}: ${out.slice(-2000)}`));
      res({ converged: ms, exit: ms, ...bytes() });
    }),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const hosts: Host[] = [];
const relays: Relay[] = [];
try {
  for (let n = 2; n <= 6; n++) hosts.push(await startHost(root, n, home));
  for (const h of hosts) relays.push(await relay(h));
  // known_hosts for the relays' ports (what both tools connect to).
  writeFileSync(join(home, '.ssh', 'known_hosts'), hosts.map((h, i) => `[${h.addr}]:${relays[i]!.port} ${h.hostKey}\n`).join(''));
  const haveAnsible = spawnSync('ansible-playbook', ['--version'], { encoding: 'utf8' }).status === 0;
  const clearFiles = (g: Host[]) => g.forEach((h) => rmSync(join(h.dir, 'bench'), { recursive: true, force: true }));
  const clearCache = (g: Host[]) => g.forEach((h) => rmSync(join(h.home, '.cache', 'mgmt', 'remote'), { recursive: true, force: true }));
  const rows: [string, Run[]][] = [];
  const flag = sea ? ['--remote-sea'] : [];
  for (const n of [1, 5]) {
    const g = hosts.slice(0, n);
    const rs = relays.slice(0, n);
    const first: Run[] = [];
    const cached: Run[] = [];
    const ans: Run[] = [];
    const ansOk: Run[] = [];
    for (let i = 0; i < reps; i++) {
      clearCache(g);
      clearFiles(g);
      first.push(await runMgmt(g, rs, flag));
      clearFiles(g);
      cached.push(await runMgmt(g, rs, flag));
      if (haveAnsible) {
        clearFiles(g);
        ans.push(await runAnsible(g, rs));
        ansOk.push(await runAnsible(g, rs));
      }
    }
    rows.push([`mgmt ${sea ? 'SEA' : 'bundle'}, ${n} host(s), first run (copy)`, first], [`mgmt ${sea ? 'SEA' : 'bundle'}, ${n} host(s), cached run`, cached]);
    if (haveAnsible) rows.push([`ansible-playbook, ${n} host(s), files absent`, ans], [`ansible-playbook, ${n} host(s), in state`, ansOk]);
  }
  console.log(`${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}, median of ${reps}`);
  console.log(`${'run'.padEnd(48)} ${'converged'.padStart(10)} ${'exit'.padStart(8)} ${'sent'.padStart(10)} ${'received'.padStart(10)}`);
  for (const [k, runs] of rows) {
    const kb = (x: number) => `${(x / 1024).toFixed(0)} KiB`;
    console.log(`${k.padEnd(48)} ${`${median(runs.map((r) => r.converged)).toFixed(0)} ms`.padStart(10)} ${`${median(runs.map((r) => r.exit)).toFixed(0)} ms`.padStart(8)} ${kb(median(runs.map((r) => r.up))).padStart(10)} ${kb(median(runs.map((r) => r.down))).padStart(10)}`);
  }
  if (!haveAnsible) console.log('ansible-playbook not found: `apt-get install -y ansible` (bench/README.md)');
} finally {
  for (const r of relays) r.server.close();
  for (const h of hosts) h.stop();
  rmSync(root, { recursive: true, force: true });
}
