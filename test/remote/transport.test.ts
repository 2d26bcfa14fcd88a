// The SSH transport against real sshd processes: host key checking (known_hosts,
// hashed entries, --ssh-hostkey), key auth from ~/.ssh and --ssh-id, and a
// remote port forward carrying real etcd traffic from the remote side.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commandMissing, describeNeeding } from '../helpers/components.js';
import { checkHostKey } from '../../src/remote/known-hosts.js';
import { connect, run } from '../../src/remote/ssh.js';
import { openTunnel } from '../../src/remote/tunnel.js';
import { parseTarget } from '../../src/remote/url.js';
import { makeInitiatorHome, sshdMissing, startHost, writeKnownHosts, type Host } from './sshd.js';
import { freePort } from '../helpers/net.js';

describeNeeding('SSH transport', sshdMissing() ?? commandMissing('etcd', 'etcd-server'), () => {
  let root: string;
  let home: string;
  let a: Host;
  let b: Host;
  const kh = () => [join(home, '.ssh', 'known_hosts')];
  const key = () => join(home, '.ssh', 'id_ed25519');

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'mgmt-ssh-'));
    home = makeInitiatorHome(root);
    a = await startHost(root, 2, home);
    b = await startHost(root, 3, home);
  });
  afterAll(() => {
    a?.stop();
    b?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('connects with a key when known_hosts (hashed) has the host key, and runs a command', async () => {
    writeKnownHosts(home, [a, b], true);
    const c = await connect(parseTarget(a.url('/')), { identity: key(), knownHosts: kh() });
    expect((await run(c, 'echo $HOME', 'echo')).trim()).toBe(a.home);
    c.end();
  });

  it('refuses a host whose key differs from known_hosts, saying how to accept it', async () => {
    // b's port with a's key: what an impostor at b's address would present.
    writeFileSync(kh()[0]!, `[${b.addr}]:${b.port} ${a.hostKey}\n`);
    const err = await connect(parseTarget(b.url('/')), { identity: key(), knownHosts: kh() }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/HOST KEY MISMATCH for \[127\.0\.0\.3\]:\d+/);
    expect((err as Error).message).toContain(`ssh-keygen -R '[${b.addr}]:${b.port}'`);
  });

  it('refuses an unknown host, naming ssh-keyscan and --ssh-hostkey', async () => {
    writeFileSync(kh()[0]!, '');
    const err = (await connect(parseTarget(a.url('/')), { identity: key(), knownHosts: kh() }).catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/unknown host \[127\.0\.0\.2\]:\d+ .*refusing to connect/);
    expect(err.message).toContain(`ssh-keyscan -p ${a.port} ${a.addr}`);
    expect(err.message).toContain('--ssh-hostkey');
  });

  it('--ssh-hostkey pins the key (as "type base64" or its SHA256 fingerprint) instead of known_hosts', async () => {
    const c = await connect(parseTarget(a.url('/')), { identity: key(), knownHosts: kh(), hostKey: a.hostKey });
    c.end();
    const fp = spawnSync('ssh-keygen', ['-l', '-f', join(a.dir, 'hostkey.pub')], { encoding: 'utf8' }).stdout.split(/\s+/)[1]!;
    const c2 = await connect(parseTarget(a.url('/')), { identity: key(), knownHosts: kh(), hostKey: fp });
    c2.end();
    const err = (await connect(parseTarget(a.url('/')), { identity: key(), hostKey: b.hostKey }).catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/host key mismatch .*--ssh-hostkey pins/);
  });

  it('says so when no key is accepted', async () => {
    writeKnownHosts(home, [a], false);
    const other = join(root, 'other_id');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const err = (await connect(parseTarget(a.url('/')), { identity: other, knownHosts: kh() }).catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/\w+@\[127\.0\.0\.2\]:\d+: authentication failed/);
  });

  it('known_hosts: hostname patterns, negation and @revoked', () => {
    const f = join(root, 'kh-patterns');
    const blob = Buffer.from(a.hostKey.split(' ')[1]!, 'base64');
    writeFileSync(f, `*.example.com,!bad.example.com ${a.hostKey}\n`);
    expect(checkHostKey(blob, 'x.example.com', 22, [f]).ok).toBe(true);
    expect(checkHostKey(blob, 'bad.example.com', 22, [f]).ok).toBe(false);
    writeFileSync(f, `@revoked * ${a.hostKey}\nx.example.com ${a.hostKey}\n`);
    const v = checkHostKey(blob, 'x.example.com', 22, [f]);
    expect(v.ok ? '' : v.why).toMatch(/@revoked/);
  });

  it('a remote port forward carries etcd traffic: etcdctl on the remote host writes to the initiator\'s etcd', async () => {
    const cport = await freePort('127.0.0.1');
    const pport = await freePort('127.0.0.1');
    const data = join(root, 'etcd');
    const etcd: ChildProcess = spawn('etcd', ['--name', 'n1', '--data-dir', data, '--listen-client-urls', `http://127.0.0.1:${cport}`, '--advertise-client-urls', `http://127.0.0.1:${cport}`,
      '--listen-peer-urls', `http://127.0.0.1:${pport}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${pport}`, '--initial-cluster', `n1=http://127.0.0.1:${pport}`,
      '--heartbeat-interval', '10', '--election-timeout', '100', '--logger', 'zap', '--log-outputs', join(root, 'etcd.log')], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 200; i++) {
        const h = await fetch(`http://127.0.0.1:${cport}/health`).then((r) => r.text()).catch(() => '');
        if (h.includes('"true"')) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      writeKnownHosts(home, [a], true);
      const c = await connect(parseTarget(a.url('/')), { identity: key(), knownHosts: kh() });
      const rport = await openTunnel(c, `http://127.0.0.1:${cport}`);
      const ep = `--endpoints=http://127.0.0.1:${rport}`;
      await run(c, `ETCDCTL_API=3 etcdctl ${ep} put /_mgmt/test from-${a.addr}`, 'etcdctl put');
      const got = spawnSync('etcdctl', [`--endpoints=http://127.0.0.1:${cport}`, 'get', '--print-value-only', '/_mgmt/test'], { encoding: 'utf8', env: { ...process.env, ETCDCTL_API: '3' } });
      expect(got.stdout.trim()).toBe(`from-${a.addr}`);
      expect((await run(c, `ETCDCTL_API=3 etcdctl ${ep} get --print-value-only /_mgmt/test`, 'etcdctl get')).trim()).toBe(`from-${a.addr}`);
      c.end();
    } finally {
      etcd.kill('SIGKILL');
    }
  });
});
