// The seed's two-host exchange over SSH: the initiator runs an etcd member
// (`mgmt run --remote … --cluster`), two sshd "hosts" on 127.0.0.N get mgmt
// and their programs, and their agents share exported resources through the
// tunnel back to that etcd. Host a manages file1a and exports file2a; host b
// manages file1b and exports file2b; each collects the other's export.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { etcdMissing } from '../cluster/harness.js';
import { describeNeeding } from '../helpers/components.js';
import { launcher, requireDist } from '../helpers/cli.js';
import { read, waitFor } from '../helpers/agents.js';
import { freePort } from '../helpers/net.js';
import { deploy, makeInitiatorHome, sshdMissing, startHost, writeKnownHosts, type Host } from './sshd.js';

interface Initiator {
  proc: ChildProcess;
  t0: number;
  /** When the last of the remote agents printed its first line (performance.now()). */
  agentsUp?: number;
  out(): string;
  exited: Promise<number | null>;
}

/** waitFor, failing with the initiator's output. */
async function until(run: Initiator, what: string, check: () => boolean, ms: number): Promise<number> {
  try {
    return await waitFor(what, check, ms);
  } catch (e) {
    throw new Error(`${(e as Error).message}\ninitiator output:\n${run.out()}`);
  }
}

describeNeeding('two hosts exchange exported files over SSH', sshdMissing() ?? etcdMissing, () => {
  let root: string;
  let home: string;
  let a: Host;
  let b: Host;

  const out = (h: Host, f: string) => join(h.dir, 'out', f);
  /** The files in h's out directory (not the file kind's temp files). */
  const files = (h: Host) => (existsSync(join(h.dir, 'out')) ? readdirSync(join(h.dir, 'out')).filter((f) => !f.startsWith('.mgmt-tmp-')).sort() : []);

  /** Host h's program: file1h its own, file2h exported, every other host's export collected into its out/. */
  const program = (h: Host, content2 = `i am file2 of ${h.name}`) => `import "world/collect"

file "${h.dir}/out/" {
	state => "exists",
}

file "${out(h, `file1${h.name}`)}" {
	content => "i am file1 of ${h.name}\\n",
	state => "exists",
}

file "file2${h.name}" {
	path => "${out(h, `file2${h.name}`)}",
	content => "${content2}\\n",
	state => "exists",
	Meta:export => ["*"],
}

for $i, $r in collect.res("file") {
	if $r->host != $hostname {
		collect file [$r] {
			path => "${h.dir}/out/" + $r->name,
		}
	}
}
`;

  const start = async (args: string[]): Promise<Initiator> => {
    const env = { ...process.env, HOME: home };
    delete env.SSH_AUTH_SOCK;
    const client = `http://127.0.0.1:${await freePort()}`;
    const server = `http://127.0.0.1:${await freePort()}`;
    const t0 = performance.now();
    const proc = spawn(launcher, ['run', '--cluster', '--client-urls', client, '--server-urls', server, '--hostname', 'initiator', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const run: Initiator = { proc, t0, out: () => text, exited: new Promise((r) => proc.on('close', (code) => r(code))) };
    const seen = new Set<string>();
    const onData = (d: Buffer) => {
      if (process.env.MGMT_TEST_TRACE) process.stderr.write(`[${(performance.now() - t0).toFixed(0)}] ${d}`);
      text += d;
      for (const h of [a, b]) if (!seen.has(h.name) && text.includes(`\n${h.addr}:${h.port}: `)) seen.add(h.name);
      if (seen.size === 2 && run.agentsUp === undefined) run.agentsUp = performance.now();
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    return run;
  };


  const codeA = () => join(root, 'code', 'a');
  const codeB = () => join(root, 'code', 'b');

  beforeAll(async () => {
    requireDist();
    root = mkdtempSync(join(tmpdir(), 'mgmt-remote-exchange-'));
    home = makeInitiatorHome(root);
    a = await startHost(root, 7, home);
    b = await startHost(root, 8, home);
    writeKnownHosts(home, [a, b]);
  }, 60_000);
  afterAll(() => {
    a?.stop();
    b?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('each host ends with its own file and both exported ones; --converged-timeout 5 then exits 0 and leaves nothing behind', async () => {
    const run = await start(['--remote', deploy(codeA(), a, program(a)), '--remote', deploy(codeB(), b, program(b)), '--converged-timeout', '5']);
    const want = {
      a: ['file1h7', 'file2h7', 'file2h8'],
      b: ['file1h8', 'file2h7', 'file2h8'],
    };
    const done = () => JSON.stringify(files(a)) === JSON.stringify(want.a) && JSON.stringify(files(b)) === JSON.stringify(want.b) && read(out(a, 'file2h8')) === 'i am file2 of h8\n' && read(out(b, 'file2h7')) === 'i am file2 of h7\n';
    await until(run, 'the exchange', done, 60_000);
    const now = performance.now();
    const total = now - run.t0;
    // From the remote agents' first output (both started) to both hosts complete: the exchange itself.
    const exchange = now - (run.agentsUp ?? run.t0);
    console.log(`two-host exchange over SSH: all 6 files ${exchange.toFixed(0)} ms after both remote agents started, ${total.toFixed(0)} ms after the initiator started`);
    const code = await run.exited;
    expect(code, run.out()).toBe(0);
    // Each agent ran under its own name, and converged with the other.
    for (const h of [a, b]) {
      expect(run.out()).toMatch(new RegExp(`^${h.addr}:${h.port}: cluster: joined the cluster as ${h.name} \\(client only\\)`, 'm'));
      expect(run.out()).toMatch(new RegExp(`^${h.addr}:${h.port}: converged$`, 'm'));
    }
    for (const h of [a, b]) {
      expect(readdirSync(h.tmp)).toEqual([]);
      expect(h.agents()).toEqual([]);
    }
    // Generous: the machine is shared; the figures are logged above.
    expect(exchange).toBeLessThan(10_000);
  }, 90_000);

  it('a live edit of the exported file on the initiator reaches both hosts; unchanged files are left alone', async () => {
    for (const h of [a, b]) rmSync(join(h.dir, 'out'), { recursive: true, force: true });
    const run = await start(['--remote', deploy(codeA(), a, program(a)), '--remote', deploy(codeB(), b, program(b))]);
    try {
      await until(run, 'the exchange', () => read(out(b, 'file2h7')) === 'i am file2 of h7\n' && read(out(a, 'file2h8')) === 'i am file2 of h8\n' && existsSync(out(a, 'file1h7')), 60_000);
      // Settled: both hosts have the other's file (each made it after its own).
      await new Promise((r) => setTimeout(r, 1000));
      const before = statSync(out(a, 'file1h7'));
      const collected = statSync(out(a, 'file2h8'));
      const t0 = performance.now();
      deploy(codeA(), a, program(a, 'edited on the initiator'));
      const ms = await until(run, 'the edit on both hosts', () => read(out(a, 'file2h7')) === 'edited on the initiator\n' && read(out(b, 'file2h7')) === 'edited on the initiator\n', 30_000);
      console.log(`live edit: saved on the initiator -> on both hosts' disks in ${ms} ms (${(performance.now() - t0).toFixed(0)} ms)`);
      expect(run.out()).toMatch(/sent the changed code/);
      const after = statSync(out(a, 'file1h7'));
      expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
      const after2 = statSync(out(a, 'file2h8'));
      expect([after2.ino, after2.mtimeMs]).toEqual([collected.ino, collected.mtimeMs]);
      expect(readFileSync(out(a, 'file1h7'), 'utf8')).toBe('i am file1 of h7\n');
    } finally {
      run.proc.kill('SIGINT');
      const code = await run.exited;
      expect(code, run.out()).toBe(130);
    }
    for (const h of [a, b]) {
      expect(readdirSync(h.tmp)).toEqual([]);
      expect(h.agents()).toEqual([]);
    }
  }, 120_000);

  it('a dropped SSH connection: the remote agent keeps its graph, the tunnel and the live edits come back after the reconnect', async () => {
    for (const h of [a, b]) rmSync(join(h.dir, 'out'), { recursive: true, force: true });
    const run = await start(['--remote', deploy(codeA(), a, program(a)), '--remote', deploy(codeB(), b, program(b))]);
    try {
      await until(run, 'the exchange', () => read(out(b, 'file2h7')) === 'i am file2 of h7\n' && read(out(a, 'file2h8')) === 'i am file2 of h8\n' && existsSync(out(a, 'file1h7')), 60_000);
      await new Promise((r) => setTimeout(r, 1000));
      const before = statSync(out(a, 'file1h7'));
      // Kill the sshd processes serving a's connection: the TCP connection (and the tunnel in it) drops.
      const killed = a.sessions();
      expect(killed.length).toBeGreaterThan(0);
      for (const pid of killed) process.kill(pid, 'SIGKILL');
      await until(run, 'the initiator to notice', () => run.out().includes(`${a.addr}:${a.port}: connection lost; the remote agent keeps running`), 30_000);
      deploy(codeA(), a, program(a, 'edited across a reconnect'));
      await until(run, 'the edit on both hosts', () => read(out(a, 'file2h7')) === 'edited across a reconnect\n' && read(out(b, 'file2h7')) === 'edited across a reconnect\n', 60_000);
      // The same agent all along: started once, its own file never made again.
      expect(run.out().match(new RegExp(`^${a.addr}:${a.port}: running mcl`, 'gm'))).toHaveLength(1);
      const after = statSync(out(a, 'file1h7'));
      expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    } finally {
      run.proc.kill('SIGINT');
      expect(await run.exited, run.out()).toBe(130);
    }
    for (const h of [a, b]) {
      expect(readdirSync(h.tmp)).toEqual([]);
      expect(h.agents()).toEqual([]);
    }
  }, 150_000);

  it('a host without node (the self-contained executable, its etcd client inside) takes part in the exchange', async () => {
    const c = await startHost(root, 9, home, { noNode: true });
    try {
      writeKnownHosts(home, [a, b, c]);
      for (const h of [a, c]) rmSync(join(h.dir, 'out'), { recursive: true, force: true });
      // No --converged-timeout: copying the 100 MB executable takes a while, and a would end before c joined.
      const run = await start(['--remote', deploy(codeA(), a, program(a)), '--remote', deploy(join(root, 'code', 'c'), c, program(c))]);
      await until(run, 'the exchange with the host without node', () => read(out(c, 'file2h7')) === 'i am file2 of h7\n' && read(out(a, 'file2h9')) === 'i am file2 of h9\n', 150_000);
      run.proc.kill('SIGINT');
      expect(await run.exited, run.out()).toBe(130);
      expect(run.out()).toMatch(new RegExp(`^${c.addr}:${c.port}: remote agent exited with 143 \\(copied [\\d.]+ MB of mgmt, sea\\)`, 'm'));
      expect(readdirSync(c.tmp)).toEqual([]);
    } finally {
      c.stop();
    }
  }, 240_000);
});
