// The mcl `remote` resource against real sshd "hosts" on 127.0.0.N: an
// initiator (`mgmt run --hostname init --lang site.mcl`) whose program holds
// a `remote` resource brings up an agent on the host; that agent runs the
// same program under its own hostname and makes the file its branch names.
// state stopped stops a non-transient agent left by an earlier run and leaves
// no process; a wrong hostkey fails the resource with the refusal while the
// rest of the graph converges.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeNeeding, unavailable } from '../helpers/components.js';
import { launcher, requireDist } from '../helpers/cli.js';
import { startEtcd } from '../helpers/etcd.js';
import { etcdMissing } from '../cluster/harness.js';
import { makeInitiatorHome, sshdMissing, startHost, writeKnownHosts, type Host } from './sshd.js';

interface Ran {
  code: number | null;
  err: string;
}

describeNeeding('the remote resource', sshdMissing(), () => {
  let root: string;
  let home: string;
  const hosts: Host[] = [];

  /** The initiator: bin/mgmt with its own ~ (key, known_hosts), no ssh-agent, hostname `init`. */
  const initiator = (file: string, extra: string[] = []): Promise<Ran> => {
    const env = { ...process.env, HOME: home };
    delete env.SSH_AUTH_SOCK;
    const p = spawn(launcher, ['run', '--hostname', 'init', '--tmp-prefix', '--lang', file, '--converged-timeout', '1', ...extra], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stdout!.on('data', (d) => (err += d));
    p.stderr!.on('data', (d) => (err += d));
    const guard = setTimeout(() => p.kill('SIGKILL'), 90_000);
    return new Promise((res) => p.on('close', (code) => (clearTimeout(guard), res({ code, err }))));
  };

  /** A program: on `init`, the remote resource (and `initExtra`); on the remote's hostname, `onRemote`. */
  const program = (name: string, remoteBody: string, onRemote: string, initExtra = ''): string => {
    const dir = join(root, 'code', name);
    mkdirSync(dir, { recursive: true });
    const text = `if $hostname == "init" {\n\tremote "${name}" {\n${remoteBody}\t}\n${initExtra}}\n\n${onRemote}\n`;
    writeFileSync(join(dir, 'site.mcl'), text);
    return join(dir, 'site.mcl');
  };
  const params = (h: Host, more: Record<string, string>) =>
    Object.entries({ remote: `"${h.url('/')}"`, ssh_id: `"${join(home, '.ssh', 'id_ed25519')}"`, ...more })
      .map(([k, v]) => `\t\t${k} => ${v},\n`)
      .join('');
  /** The file the remote agent makes, in its branch of the program. */
  const remoteFile = (hostname: string, path: string) => `if $hostname == "${hostname}" {\n\tfile "${path}" {\n\t\tcontent => "made by the agent on \${hostname}\\n",\n\t\tstate => "exists",\n\t}\n}`;


  beforeAll(async () => {
    requireDist();
    root = mkdtempSync(join(tmpdir(), 'mgmt-remote-res-'));
    home = makeInitiatorHome(root);
    hosts.push(await startHost(root, 2, home), await startHost(root, 3, home), await startHost(root, 4, home));
    writeKnownHosts(home, hosts, true);
  }, 60_000);
  afterAll(() => {
    for (const h of hosts) {
      // An agent a failed test left running (transient => false).
      for (const pid of h.agents()) process.kill(pid, 'SIGKILL');
      h.stop();
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('brings up an agent on the host that runs the same program under its hostname; it converges, exits, and nothing is left', async () => {
    const h = hosts[0]!;
    const out = join(h.dir, 'made');
    const r = await initiator(program('up', params(h, { hostname: '"web1"', converger_timeout: '1' }), remoteFile('web1', out)));
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('made by the agent on web1\n');
    // The agent's own output comes back through the resource's log.
    expect(r.err).toMatch(/remote\[up\]: .*file\[.*made\]: created/);
    expect(r.err).toContain('the remote agent exited with 0');
    expect(readdirSync(h.tmp)).toEqual([]);
    expect(h.agents()).toEqual([]);
  }, 120_000);

  it('state stopped stops a non-transient agent an earlier run left running, and leaves no process or directory', async () => {
    const h = hosts[1]!;
    const out = join(h.dir, 'stays');
    const body = (state: string) => params(h, { hostname: '"db1"', transient: 'false', tunnelled: 'false', state: `"${state}"` });
    const first = await initiator(program('keep', body('running'), remoteFile('db1', out)));
    expect(first.code, first.err).toBe(0);
    expect(first.err).toContain('leaving the remote agent running (transient is false)');
    // Not waited for (no converger timeout): it makes its file on its own time.
    for (let i = 0; i < 200 && !existsSync(out); i++) await new Promise((res) => setTimeout(res, 100));
    expect(readFileSync(out, 'utf8')).toBe('made by the agent on db1\n');
    // The initiator has exited; the agent is still there and keeps its file.
    expect(h.agents()).not.toEqual([]);
    rmSync(out);
    // It repairs the drift (within a second on a quiet machine; this one is shared).
    for (let i = 0; i < 200 && !existsSync(out); i++) await new Promise((res) => setTimeout(res, 100));
    expect(readFileSync(out, 'utf8')).toBe('made by the agent on db1\n');
    // A second run with state running finds it and starts no other.
    const again = await initiator(program('keep', body('running'), remoteFile('db1', out)));
    expect(again.code, again.err).toBe(0);
    expect(again.err).toContain('the remote agent is already running');
    expect(readdirSync(h.tmp)).toHaveLength(1);

    const stop = await initiator(program('keep', body('stopped'), remoteFile('db1', out)));
    expect(stop.code, stop.err).toBe(0);
    expect(stop.err).toContain('stopped the remote agent');
    expect(h.agents()).toEqual([]);
    expect(readdirSync(h.tmp)).toEqual([]);
    // Stopped already: nothing to do.
    const noop = await initiator(program('keep', body('stopped'), remoteFile('db1', out)));
    expect(noop.code, noop.err).toBe(0);
    expect(noop.err).not.toContain('stopped the remote agent');
  }, 180_000);

  it('a wrong hostkey fails the resource with the refusal; the other resources still converge', async () => {
    const [a, b] = [hosts[0]!, hosts[2]!];
    const mine = join(root, 'init-file');
    const wrong = a.hostKey.split(' ')[1]!; // a's key, pinned for b
    const file = program('wrongkey', params(b, { hostname: '"db2"', hostkey: `"${wrong}"`, converger_timeout: '0' }), remoteFile('db2', join(b.dir, 'never')), `\tfile "${mine}" {\n\t\tcontent => "here\\n",\n\t\tstate => "exists",\n\t}\n`);
    const r = await initiator(file);
    expect(r.code, r.err).not.toBe(0);
    expect(r.err).toContain(`host key mismatch for [${b.addr}]:${b.port}`);
    expect(r.err).toContain('the hostkey param pins');
    expect(r.err).toContain('refusing to connect');
    expect(readFileSync(mine, 'utf8')).toBe('here\n');
    expect(existsSync(join(b.dir, 'never'))).toBe(false);
    expect(readdirSync(b.tmp)).toEqual([]);
  }, 120_000);

  it('an unguarded remote resource: the agent it starts refuses to start itself again, and says how to guard it', async () => {
    const a = hosts[0]!;
    const dir = join(root, 'code', 'loop');
    mkdirSync(dir, { recursive: true });
    // No `if $hostname == …`: the agent on a runs this same resource, for itself.
    writeFileSync(join(dir, 'site.mcl'), `remote "loop" {\n${params(a, { hostname: '"looper"', converger_timeout: '1' })}}\n`);
    const r = await initiator(join(dir, 'site.mcl'));
    expect(r.code, r.err).not.toBe(0);
    expect(r.err).toContain('would run as `looper`, the host running this remote resource: it would start itself again');
    expect(r.err).toContain('if $hostname == ');
    expect(readdirSync(a.tmp)).toEqual([]);
    expect(a.agents()).toEqual([]);
  }, 120_000);

  it('a jump: the agent it starts has a remote resource of its own, and ships itself on to a third host', async () => {
    const [a, c] = [hosts[0]!, hosts[2]!];
    const out = join(c.dir, 'jumped');
    const dir = join(root, 'code', 'jump');
    mkdirSync(dir, { recursive: true });
    const hop2 = params(c, { hostname: '"hop2"', hostkey: `"${c.hostKey.split(' ')[1]}"`, converger_timeout: '1' });
    const text = `if $hostname == "init" {\n\tremote "hop1" {\n${params(a, { hostname: '"hop1"', converger_timeout: '1' })}\t}\n}\n\nif $hostname == "hop1" {\n\tremote "hop2" {\n${hop2}\t}\n}\n\n${remoteFile('hop2', out)}\n`;
    writeFileSync(join(dir, 'site.mcl'), text);
    const r = await initiator(join(dir, 'site.mcl'));
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('made by the agent on hop2\n');
    // hop2's output reaches the initiator through hop1's.
    expect(r.err).toMatch(/remote\[hop1\]: .*remote\[hop2\]: .*file\[.*jumped\]: created/);
    // hop1 sent the very file it was started from.
    const cached = (h: Host) => readdirSync(join(h.home, '.cache', 'mgmt', 'remote')).filter((f) => f.endsWith('.cjs'));
    expect(cached(c)).toEqual(cached(a));
    for (const h of [a, c]) {
      expect(readdirSync(h.tmp)).toEqual([]);
      expect(h.agents()).toEqual([]);
    }
  }, 180_000);

  it('tunnelled: with --seeds, the agent joins the World through the SSH tunnel; a value it writes reaches the initiator', async (ctx) => {
    if (etcdMissing) return unavailable(ctx, etcdMissing);
    const h = hosts[1]!;
    const etcd = await startEtcd();
    const seen = join(root, 'seen-by-init');
    const dir = join(root, 'code', 'tunnel');
    mkdirSync(dir, { recursive: true });
    const text = `import "world"\n\nif $hostname == "init" {\n\tremote "tun" {\n${params(h, { hostname: '"tun1"', tunnel_addr: '"127.0.0.1:0"' })}\t}\n\t$m = world.kvlookup("remres")\n\tfile "${seen}" {\n\t\tcontent => ($m["tun1"] <|> "none") + "\\n",\n\t\tstate => "exists",\n\t}\n}\n\nif $hostname == "tun1" {\n\tkv "ok" {\n\t\tkey => "remres",\n\t\tvalue => "ok from \${hostname}",\n\t\tmapped => true,\n\t}\n}\n`;
    writeFileSync(join(dir, 'site.mcl'), text);
    const env = { ...process.env, HOME: home };
    delete env.SSH_AUTH_SOCK;
    const p = spawn(launcher, ['run', '--hostname', 'init', '--tmp-prefix', '--seeds', etcd.url, '--lang', join(dir, 'site.mcl')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stdout!.on('data', (d) => (err += d));
    p.stderr!.on('data', (d) => (err += d));
    const closed = new Promise<number | null>((res) => p.on('close', res));
    try {
      for (let i = 0; i < 600 && !(existsSync(seen) && readFileSync(seen, 'utf8') === 'ok from tun1\n'); i++) await new Promise((res) => setTimeout(res, 100));
      expect(readFileSync(seen, 'utf8'), err).toBe('ok from tun1\n');
      expect(err).toMatch(/remote\[tun\]: starting mgmt on .*its World tunnelled to http:\/\/127\.0\.0\.1:/);
      p.kill('SIGINT');
      const code = await closed;
      expect(code, err).toBe(130);
      expect(err).toContain('stopping the remote agent (transient)');
      expect(readdirSync(h.tmp)).toEqual([]);
      expect(h.agents()).toEqual([]);
    } finally {
      p.kill('SIGKILL');
      etcd.kill();
    }
  }, 120_000);
});
