// `mgmt run --remote` against real sshd "hosts" on 127.0.0.N: the agents run
// there, converge and write their files, output comes back prefixed by host,
// --cconns 1 connects one at a time, a host without node gets the
// self-contained executable, ^C and --converged-timeout leave nothing behind
// but the cache, and a wrong host key is refused.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeNeeding } from '../helpers/components.js';
import { launcher, requireDist } from '../helpers/cli.js';
import { connect, exec } from '../../src/remote/ssh.js';
import { parseTarget } from '../../src/remote/url.js';
import { makeInitiatorHome, sshdMissing, startHost, writeKnownHosts, type Host } from './sshd.js';

interface Ran {
  code: number | null;
  err: string;
  ms: number;
}

describeNeeding('mgmt run --remote', sshdMissing(), () => {
  let root: string;
  let home: string;
  const hosts: Host[] = [];

  /** Run bin/mgmt as the initiator, with its own ~ (keys, known_hosts) and no ssh-agent. */
  const mgmt = (args: string[], onStart?: (p: ReturnType<typeof spawn>) => void): Promise<Ran> => {
    const env = { ...process.env, HOME: home };
    delete env.SSH_AUTH_SOCK;
    const t0 = performance.now();
    const p = spawn(launcher, ['run', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stdout!.on('data', (d) => (err += d));
    p.stderr!.on('data', (d) => (err += d));
    onStart?.(p);
    return new Promise((res) => p.on('close', (code) => res({ code, err, ms: performance.now() - t0 })));
  };

  /** A program for host h writing h's own files. */
  const program = (h: Host, name: string): string => {
    const dir = join(root, 'code', `${name}-${h.addr}`);
    mkdirSync(dir, { recursive: true });
    const out = join(h.dir, 'out');
    writeFileSync(
      join(dir, 'site.mcl'),
      `import "fmt"\n\nfile "${out}/" {\n\tstate => "exists",\n}\n\nfile "${out}/${name}" {\n\tcontent => fmt.printf("%s on %s\\n", "${name}", "${h.addr}"),\n\tstate => "exists",\n}\n`,
    );
    return join(dir, 'site.mcl');
  };

  const cacheOf = (h: Host) => (existsSync(join(h.home, '.cache', 'mgmt', 'remote')) ? readdirSync(join(h.home, '.cache', 'mgmt', 'remote')) : []);

  beforeAll(async () => {
    requireDist();
    root = mkdtempSync(join(tmpdir(), 'mgmt-remote-'));
    home = makeInitiatorHome(root);
    const shared = join(root, 'sshd-shared.log');
    hosts.push(await startHost(root, 2, home), await startHost(root, 3, home), await startHost(root, 4, home, { noNode: true }));
    hosts.push(await startHost(root, 5, home, { log: shared }), await startHost(root, 6, home, { log: shared }));
    writeKnownHosts(home, hosts, true);
  }, 60_000);
  afterAll(() => {
    for (const h of hosts) h.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('runs a program on two hosts: each converges and writes its files, output prefixed by host; a second run copies nothing', async () => {
    const [a, b] = hosts as [Host, Host];
    const args = ['--remote', a.url(program(a, 'file1a')), '--remote', b.url(program(b, 'file2b')), '--converged-timeout', '1'];
    const first = await mgmt(args);
    expect(first.err).toContain('copied');
    expect(first.code, first.err).toBe(0);
    expect(readFileSync(join(a.dir, 'out', 'file1a'), 'utf8')).toBe(`file1a on ${a.addr}\n`);
    expect(readFileSync(join(b.dir, 'out', 'file2b'), 'utf8')).toBe(`file2b on ${b.addr}\n`);
    expect(first.err).toMatch(new RegExp(`^${a.addr}:${a.port}: .*file\\[.*file1a\\]: created`, 'm'));
    expect(first.err).toMatch(new RegExp(`^${b.addr}:${b.port}: .*converged`, 'm'));
    for (const h of [a, b]) {
      expect(readdirSync(h.tmp)).toEqual([]);
      expect(h.agents()).toEqual([]);
      expect(cacheOf(h).filter((f) => /^mgmt-[0-9a-f]{16}\.cjs$/.test(f))).toHaveLength(1);
    }
    const second = await mgmt(args);
    expect(second.code, second.err).toBe(0);
    expect(second.err).not.toContain('copied');
    expect(second.err.match(/was cached/g)).toHaveLength(2);
    console.log(`two hosts, node bundle: first run (copy) ${first.ms.toFixed(0)} ms, cached run ${second.ms.toFixed(0)} ms`);
  }, 120_000);

  it('a host without node on its PATH gets the self-contained executable and runs', async () => {
    const c = hosts[2]!;
    const conn = await connect(parseTarget(c.url('/')), { knownHosts: [join(home, '.ssh', 'known_hosts')], identity: join(home, '.ssh', 'id_ed25519') });
    const probe = await exec(conn, 'command -v node || echo "no node"; echo "PATH=$PATH"');
    conn.end();
    expect(probe.stdout).toBe(`no node\nPATH=${join(c.dir, 'bin')}\n`);
    const first = await mgmt(['--remote', c.url(program(c, 'nonode')), '--converged-timeout', '1']);
    expect(first.code, first.err).toBe(0);
    expect(first.err).toMatch(/copied \d+\.\d MB of mgmt, sea/);
    expect(readFileSync(join(c.dir, 'out', 'nonode'), 'utf8')).toBe(`nonode on ${c.addr}\n`);
    expect(cacheOf(c).filter((f) => /^mgmt-sea-[0-9a-f]{16}$/.test(f))).toHaveLength(1);
    const second = await mgmt(['--remote', c.url(program(c, 'nonode')), '--converged-timeout', '1']);
    expect(second.code, second.err).toBe(0);
    expect(second.err).toContain('mgmt sea was cached');
    expect(readdirSync(c.tmp)).toEqual([]);
    console.log(`no node, SEA: first run (copy) ${first.ms.toFixed(0)} ms, cached run ${second.ms.toFixed(0)} ms`);
  }, 120_000);

  it('--cconns 1 connects to one host at a time (sshd logs: the second is accepted after the first disconnected)', async () => {
    const [d, e] = [hosts[3]!, hosts[4]!];
    const sharedLog = join(root, 'sshd-shared.log');
    const before = readFileSync(sharedLog, 'utf8').length;
    const r = await mgmt(['--cconns', '1', '--remote', d.url(program(d, 'c1')), '--remote', e.url(program(e, 'c2')), '--converged-timeout', '0']);
    expect(r.code, r.err).toBe(0);
    // Only this run's lines (not the readiness probes' connections).
    // sshd logs the last "Disconnected" just after the client has gone: give it a moment.
    for (let i = 0; i < 30 && (readFileSync(sharedLog, 'utf8').slice(before).match(/Disconnected from user/g) ?? []).length < 2; i++) await new Promise((res) => setTimeout(res, 100));
    const log = readFileSync(sharedLog, 'utf8').slice(before);
    // "Connection from 127.0.0.1 port X on 127.0.0.5 port P", later "Disconnected from user root 127.0.0.1 port X".
    const events: string[] = [];
    const hostOfPort = new Map<string, string>();
    for (const l of log.split('\n')) {
      let m = /Connection from \S+ port (\d+) on (\S+) port/.exec(l);
      if (m) {
        hostOfPort.set(m[1]!, m[2]!);
        events.push(`open ${m[2]}`);
      }
      m = /Disconnected from user \S+ \S+ port (\d+)/.exec(l);
      if (m && hostOfPort.has(m[1]!)) events.push(`close ${hostOfPort.get(m[1]!)}`);
    }
    expect(events).toEqual([`open ${d.addr}`, `close ${d.addr}`, `open ${e.addr}`, `close ${e.addr}`]);
  }, 120_000);

  it('^C on the initiator stops the remote agent and removes its temporary directory, keeping the cache', async () => {
    const a = hosts[0]!;
    const out = join(a.dir, 'out', 'sigint');
    const r = await mgmt(['--remote', a.url(program(a, 'sigint'))], (p) => {
      const poll = setInterval(() => {
        if (existsSync(out)) {
          clearInterval(poll);
          setTimeout(() => p.kill('SIGINT'), 300);
        }
      }, 50);
    });
    expect(r.code, r.err).toBe(130);
    expect(r.err).toMatch(new RegExp(`^${a.addr}:${a.port}: .*SIGTERM: stopping`, 'm'));
    expect(readdirSync(a.tmp)).toEqual([]);
    expect(a.agents()).toEqual([]);
    expect(cacheOf(a).length).toBeGreaterThan(0);
  }, 120_000);

  it('--remote FILE: a metadata.yaml naming its host with `remote:` runs its deploy there', async () => {
    const b = hosts[1]!;
    const dir = join(root, 'code', 'meta');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'main.mcl'), readFileSync(program(b, 'meta'), 'utf8'));
    writeFileSync(join(dir, 'metadata.yaml'), `main: main.mcl\nremote: ssh://${userInfo().username}@${b.addr}:${b.port}\n`);
    const r = await mgmt(['--remote', join(dir, 'metadata.yaml'), '--converged-timeout', '0']);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(b.dir, 'out', 'meta'), 'utf8')).toBe(`meta on ${b.addr}\n`);
    const bad = await mgmt(['--remote', join(dir, 'main.mcl')]);
    expect(bad.code).toBe(64);
    expect(bad.err).toContain('has no `remote: ssh://user@host:port` key');
  }, 60_000);

  it('a dropped SSH connection is retried; the remote agent keeps running and its output is not repeated', async () => {
    const a = hosts[0]!;
    const out = join(a.dir, 'out', 'drop');
    let dropped = 0;
    const r = await mgmt(['--remote', a.url(program(a, 'drop')), '--converged-timeout', '3'], () => {
      const poll = setInterval(() => {
        if (existsSync(out)) {
          clearInterval(poll);
          // Kill the sshd processes serving the connection: the TCP connection drops.
          for (const pid of a.sessions()) {
            process.kill(pid, 'SIGKILL');
            dropped++;
          }
        }
      }, 50);
    });
    expect(dropped).toBeGreaterThan(0);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('connection lost; the remote agent keeps running');
    expect(r.err.match(/: converged$/gm)).toHaveLength(1);
    expect(r.err.match(/file\[.*drop\]: created/g)).toHaveLength(1);
    expect(readdirSync(a.tmp)).toEqual([]);
    expect(a.agents()).toEqual([]);
  }, 60_000);

  it('refuses a host whose key is not the one in known_hosts, and says how to accept it', async () => {
    const [a, b] = hosts as [Host, Host];
    const kh = join(home, '.ssh', 'known_hosts');
    const saved = readFileSync(kh);
    writeFileSync(kh, `[${b.addr}]:${b.port} ${a.hostKey}\n`);
    try {
      const r = await mgmt(['--remote', b.url(program(b, 'wrongkey')), '--converged-timeout', '0']);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`HOST KEY MISMATCH for [${b.addr}]:${b.port}`);
      expect(r.err).toContain('ssh-keygen -R');
      expect(existsSync(join(b.dir, 'out', 'wrongkey'))).toBe(false);
    } finally {
      writeFileSync(kh, saved);
    }
  }, 60_000);
});
