// The password prompt of `mgmt run --remote` when a terminal is attached:
// mgmt runs in a tmux pane (a real pseudo-terminal), has no key and no
// ssh-agent, and the server takes only a password. The server is ssh2's SSH
// server in this process, because OpenSSH's sshd checks passwords against
// the system's users, and a test must not set one. It records what it got.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'ssh2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commandMissing, describeNeeding } from '../helpers/components.js';
import { launcher, requireDist } from '../helpers/cli.js';
import { waitFor } from '../helpers/agents.js';
import { freePort } from '../helpers/net.js';

const PASSWORD = 'pw-s3cret';

describeNeeding('mgmt run --remote asks for a password at a terminal', commandMissing('tmux', 'tmux', ['-V']), () => {
  let root: string;
  let hostKey: string;
  let keyFile: string;
  const socket = `mgmt-test-${process.pid}`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });

  beforeAll(() => {
    requireDist();
    root = mkdtempSync(join(tmpdir(), 'mgmt-remote-prompt-'));
    keyFile = join(root, 'hostkey');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile]);
    hostKey = readFileSync(`${keyFile}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
    writeFileSync(join(root, 'site.mcl'), 'noop "n" {}\n');
    mkdirSync(join(root, 'home'));
  });
  afterAll(() => {
    tmux('kill-server');
    rmSync(root, { recursive: true, force: true });
  });

  /** An SSH server that offers only `method`, and accepts PASSWORD. */
  async function server(method: 'password' | 'keyboard-interactive') {
    const got: string[] = [];
    let accepted = false;
    const srv = new Server({ hostKeys: [readFileSync(keyFile)] }, (client) => {
      client.on('authentication', (ctx) => {
        if (ctx.method === 'password' && method === 'password') {
          got.push(ctx.password);
          return ctx.password === PASSWORD ? ctx.accept() : ctx.reject([method]);
        }
        if (ctx.method === 'keyboard-interactive' && method === 'keyboard-interactive') {
          return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => {
            got.push(answers[0] ?? '');
            if (answers[0] === PASSWORD) ctx.accept();
            else ctx.reject([method]);
          });
        }
        ctx.reject([method]);
      });
      client.on('ready', () => {
        accepted = true;
        // Nothing more: the run then fails at its first command, after auth.
        client.on('session', (_accept, reject) => reject());
      });
      client.on('error', () => undefined);
    });
    const port = await freePort('127.0.0.10');
    await new Promise<void>((r) => srv.listen(port, '127.0.0.10', r));
    return { port, got, accepted: () => accepted, close: () => srv.close() };
  }

  it.each(['password', 'keyboard-interactive'] as const)('over %s: asks without echo, asks again after a wrong one, and logs in', async (method) => {
    const s = await server(method);
    const pane = `p-${method}`;
    try {
      const cmd = `env -u SSH_AUTH_SOCK HOME=${root}/home ${launcher} run --remote ssh://tester@127.0.0.10:${s.port}${root}/site.mcl --ssh-hostkey '${hostKey}'; echo EXIT=$?; sleep 60`;
      expect(tmux('new-session', '-d', '-s', pane, '-x', '200', '-y', '50', cmd).status).toBe(0);
      const screen = () => tmux('capture-pane', '-p', '-t', pane).stdout;
      const wait = (what: string, check: () => boolean, ms: number) => waitFor(what, check, ms).catch((e: Error) => {
        throw new Error(`${e.message}; the terminal shows:\n${screen()}`);
      });
      const prompt = `tester@[127.0.0.10]:${s.port}'s password:`; // tmux trims the space after it
      await wait('the prompt', () => screen().includes(prompt), 30_000);
      tmux('send-keys', '-t', pane, 'wrong-one', 'Enter');
      await wait('the second prompt', () => screen().includes('Permission denied, please try again.'), 15_000);
      tmux('send-keys', '-t', pane, PASSWORD, 'Enter');
      await wait('the login', s.accepted, 15_000);
      await wait('the run to end', () => /EXIT=\d+/.test(screen()), 30_000);
      expect(s.got).toEqual(['wrong-one', PASSWORD]);
      // Never echoed.
      expect(screen()).not.toContain('wrong-one');
      expect(screen()).not.toContain(PASSWORD);
    } finally {
      tmux('kill-session', '-t', pane);
      s.close();
    }
  }, 90_000);

  it('the remote resource: interactive asks at the terminal, and max_password_tries bounds the tries', async () => {
    const s = await server('password');
    const pane = 'p-resource';
    const prog = join(root, 'res.mcl');
    writeFileSync(prog, `remote "r" {\n\tremote => "ssh://tester@127.0.0.10:${s.port}/",\n\thostname => "r1",\n\thostkey => "${hostKey.split(' ')[1]}",\n\tinteractive => true,\n\tmax_password_tries => 1,\n\tMeta:retry => 0,\n}\n`);
    try {
      const cmd = `env -u SSH_AUTH_SOCK HOME=${root}/home ${launcher} run --hostname init --tmp-prefix --converged-timeout 1 --lang ${prog}; echo EXIT=$?; sleep 60`;
      expect(tmux('new-session', '-d', '-s', pane, '-x', '200', '-y', '50', cmd).status).toBe(0);
      const screen = () => tmux('capture-pane', '-p', '-S', '-100', '-t', pane).stdout;
      const wait = (what: string, check: () => boolean, ms: number) => waitFor(what, check, ms).catch((e: Error) => {
        throw new Error(`${e.message}; the terminal shows:\n${screen()}`);
      });
      await wait('the prompt', () => screen().includes(`tester@[127.0.0.10]:${s.port}'s password:`), 30_000);
      tmux('send-keys', '-t', pane, 'wrong-one', 'Enter');
      await wait('the run to end', () => /EXIT=\d+/.test(screen()), 30_000);
      // One try only: no second prompt, and the resource fails saying what was tried.
      expect(s.got).toEqual(['wrong-one']);
      expect(screen()).not.toContain('Permission denied, please try again.');
      expect(screen().replace(/\n/g, '')).toContain('a typed password, 1 time');
      expect(screen()).not.toContain('EXIT=0');
    } finally {
      tmux('kill-session', '-t', pane);
      s.close();
    }
  }, 90_000);
});
