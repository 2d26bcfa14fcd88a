// Real OpenSSH servers for the remote tests: one sshd per "host" on its own
// 127.0.0.N address and port, with its own host key, authorized_keys, HOME
// (so its own ~/.cache/mgmt) and TMPDIR; optionally a PATH without node.
// Every sshd runs on this one machine, so `hostname` is the same behind all
// of them: each Host has its own `name`, which tests give mgmt as the remote
// agent's hostname (metadata.yaml's `hostname:`, see deploy()).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { commandMissing } from '../helpers/components.js';
import { freePort } from '../helpers/net.js';

export const sshdMissing = (): string | undefined => commandMissing('sshd', 'openssh-server', ['-V']);

export interface Host {
  /** This host's own name (hN), for the remote agent's --hostname. */
  name: string;
  addr: string;
  port: number;
  dir: string;
  home: string;
  tmp: string;
  /** "ssh-ed25519 AAAA…" */
  hostKey: string;
  url(path: string): string;
  /** ssh://user@addr:port, with no program path. */
  sshUrl: string;
  /** Pids of the sshd processes serving this host's open connections. */
  sessions(): number[];
  /** Pids of processes whose command line names this host's TMPDIR: its remote agents (a fixed string, never a pattern). */
  agents(): number[];
  stop(): void;
}

/** The initiator's ~: a key pair in .ssh, used by every host's authorized_keys. */
export function makeInitiatorHome(dir: string): string {
  const home = join(dir, 'initiator');
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(home, '.ssh', 'id_ed25519')]);
  return home;
}

/** Commands a remote shell needs, for the host without node. */
const TOOLS = ['sh', 'bash', 'mkdir', 'mktemp', 'uname', 'ls', 'mv', 'cat', 'tail', 'sleep', 'rm', 'setsid', 'kill', 'true', 'env', 'etcdctl'];

export async function startHost(root: string, n: number, initiatorHome: string, o: { noNode?: boolean; log?: string } = {}): Promise<Host> {
  const addr = `127.0.0.${n}`;
  const dir = join(root, `host${n}`);
  const home = join(dir, 'home');
  const tmp = join(dir, 'tmp');
  for (const d of [dir, home, tmp]) mkdirSync(d, { recursive: true });
  spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'hostkey')]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(initiatorHome, '.ssh', 'id_ed25519.pub')));
  let path = '';
  if (o.noNode) {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    for (const t of TOOLS) {
      const w = spawnSync('sh', ['-c', `command -v ${t}`], { encoding: 'utf8' }).stdout.trim();
      if (w.startsWith('/')) symlinkSync(w, join(bin, t));
    }
    path = ` PATH=${bin}`;
  }
  const port = await freePort(addr);
  const cfg = join(dir, 'sshd_config');
  writeFileSync(
    cfg,
    [
      `Port ${port}`,
      `ListenAddress ${addr}`,
      `HostKey ${join(dir, 'hostkey')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'AllowTcpForwarding yes',
      'LogLevel VERBOSE',
      'Subsystem sftp internal-sftp',
      `SetEnv HOME=${home} TMPDIR=${tmp}${path}`,
      '',
    ].join('\n'),
  );
  mkdirSync('/run/sshd', { recursive: true });
  const check = spawnSync('/usr/sbin/sshd', ['-t', '-f', cfg], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`sshd -t: ${check.stderr}`);
  const p: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-f', cfg, '-E', o.log ?? join(dir, 'sshd.log')], { stdio: 'ignore' });
  // Ready when it answers with its key.
  let ok = false;
  for (let i = 0; i < 100 && !ok; i++) {
    ok = spawnSync('ssh-keyscan', ['-p', String(port), addr], { encoding: 'utf8', timeout: 5000 }).stdout.includes('ssh-ed25519');
    if (!ok) await new Promise((r) => setTimeout(r, 50));
  }
  if (!ok) throw new Error(`sshd on ${addr}:${port} did not start`);
  const hostKey = readFileSync(join(dir, 'hostkey.pub'), 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  const sshUrl = `ssh://${userInfo().username}@${addr}:${port}`;
  return {
    name: `h${n}`,
    addr,
    port,
    dir,
    home,
    tmp,
    hostKey,
    url: (path2: string) => `${sshUrl}${path2}`,
    sshUrl,
    sessions: () => spawnSync('pgrep', ['-P', String(p.pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number),
    agents: () => processesNaming(tmp + '/'),
    stop: () => p.kill('SIGKILL'),
  };
}

/** Pids of the processes whose command line contains `text`. */
function processesNaming(text: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(text);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/** Write known_hosts for the hosts into the initiator's ~/.ssh, hashed as `ssh-keygen -H` does. */
export function writeKnownHosts(initiatorHome: string, hosts: Host[], hashed = true): void {
  const f = join(initiatorHome, '.ssh', 'known_hosts');
  writeFileSync(f, hosts.map((h) => `[${h.addr}]:${h.port} ${h.hostKey}\n`).join(''));
  if (hashed) spawnSync('ssh-keygen', ['-q', '-H', '-f', f]);
}

/** A deploy directory for host h: main.mcl and a metadata.yaml naming the host and its agent's hostname; returns the metadata.yaml. */
export function deploy(dir: string, h: Host, program: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.mcl'), program);
  writeFileSync(join(dir, 'metadata.yaml'), `main: main.mcl\nremote: ${h.sshUrl}\nhostname: ${h.name}\n`);
  return join(dir, 'metadata.yaml');
}
