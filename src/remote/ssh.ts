// The SSH transport: one ssh2 connection per remote host, authenticated by
// ssh-agent, --ssh-id or the default keys in ~/.ssh (or a password in the URL,
// with a warning, or one typed at the terminal), with the host key checked
// before anything is sent.

import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Client, type AnyAuthMethod, type AuthHandlerMiddleware, type AuthMethod, type ClientChannel, type SFTPWrapper } from 'ssh2';
import { log } from '../util/log.js';
import { checkHostKey } from './known-hosts.js';
import { askPassword, canPrompt } from './prompt.js';
import type { Target } from './url.js';

export interface SshOptions {
  /** --ssh-id: a private key file, tried first. */
  identity?: string;
  /** --ssh-hostkey: the host key to accept instead of known_hosts. */
  hostKey?: string;
  /** known_hosts files; default ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts. */
  knownHosts?: string[];
  /** Give up connecting after this many ms (default 15 s; 120 s when a password may be asked for). */
  timeoutMs?: number;
  /** Ask for a password on the terminal when nothing else is accepted (default: when stdin is a terminal). */
  interactive?: boolean;
  /** How often a typed password may be wrong before giving up (default 3). */
  passwordTries?: number;
}

/** Passwords typed at the terminal that were accepted, for this process's reconnects only. */
const typedPasswords = new Map<string, string>();

/** How often a typed password may be wrong, as OpenSSH's NumberOfPasswordPrompts. */
const PASSWORD_TRIES = 3;

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** The auth methods to try, in order: agent, --ssh-id, default keys, the URL's password. */
type Method = AuthMethod & Record<string, unknown>;
function authMethods(t: Target, o: SshOptions): Method[] {
  const m: Method[] = [];
  const username = t.user;
  if (process.env.SSH_AUTH_SOCK) m.push({ type: 'agent' as const, username, agent: process.env.SSH_AUTH_SOCK });
  const files = o.identity ? [o.identity] : DEFAULT_KEYS.map((k) => join(homedir(), '.ssh', k)).filter((f) => existsSync(f));
  for (const f of files) {
    let key: Buffer;
    try {
      key = readFileSync(f);
    } catch (e) {
      throw new Error(`--ssh-id ${f}: ${(e as Error).message}`);
    }
    m.push({ type: 'publickey' as const, username, key });
  }
  if (t.password !== undefined) m.push({ type: 'password' as const, username, password: t.password });
  return m;
}

export function warnAboutPassword(t: Target): void {
  if (t.password !== undefined) log.warn(`${t.label}: a password in the URL is visible in the process list and shell history; prefer a key (--ssh-id or ssh-agent)`);
}

/** Connect and authenticate; rejects with a message that says what to do. */
export function connect(t: Target, o: SshOptions = {}): Promise<Client> {
  const knownHosts = o.knownHosts ?? [join(homedir(), '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'];
  const auth = authMethods(t, o);
  const interactive = o.interactive ?? canPrompt();
  if (!auth.length && !interactive) return Promise.reject(new Error(`${t.label}: no way to authenticate: no ssh-agent ($SSH_AUTH_SOCK), no --ssh-id, no key in ~/.ssh (${DEFAULT_KEYS.join(', ')}) and no password`));
  return new Promise((resolve, reject) => {
    const c = new Client();
    let refused: string | undefined;
    let asked = 0;
    let typed: string | undefined;
    const remembered = typedPasswords.get(`${t.user}@${t.label}`);
    const queue: Method[] = [...auth];
    if (remembered !== undefined && interactive) queue.push({ type: 'password', username: t.user, password: remembered });
    // Our methods in order; then, at a terminal, a typed password (as `password` or `keyboard-interactive`, whichever the server offers).
    const authHandler: AuthHandlerMiddleware = (left, _partial, next) => {
      const m = queue.shift();
      if (m) return next(m as AnyAuthMethod);
      // Nothing tried yet: ask the server what it offers ('none' fails with the list).
      if (left === null && interactive) return next({ type: 'none', username: t.user });
      const offers = left ?? [];
      const kbd = offers.includes('keyboard-interactive');
      if (!interactive || asked >= (o.passwordTries ?? PASSWORD_TRIES) || !(kbd || offers.includes('password'))) return next(false as never);
      asked++;
      void askPassword(`${asked > 1 ? 'Permission denied, please try again.\n' : ''}${t.user}@${t.label}'s password: `).then((password) => {
        if (password === undefined) return next(false as never);
        typed = password;
        if (offers.includes('password')) return next({ type: 'password', username: t.user, password });
        next({ type: 'keyboard-interactive', username: t.user, prompt: (_n, _i, _l, prompts, finish) => finish(prompts.map(() => password)) });
      });
    };
    c.once('ready', () => {
      // A reconnect after a dropped connection should not ask again.
      if (typed !== undefined) typedPasswords.set(`${t.user}@${t.label}`, typed);
      resolve(c);
    });
    c.once('error', (e: Error & { level?: string }) => {
      c.end();
      if (refused) reject(new Error(refused));
      else if (e.level === 'client-authentication') reject(new Error(`${t.user}@${t.label}: authentication failed (tried ${[...auth.map((a) => a.type), ...(asked ? [`a typed password, ${asked} time${asked === 1 ? '' : 's'}`] : [])].join(', ')})`));
      else reject(new Error(`${t.label}: ${e.message}`));
    });
    c.connect({
      host: t.host,
      port: t.port,
      username: t.user,
      authHandler,
      readyTimeout: o.timeoutMs ?? (interactive ? 120_000 : 15000),
      keepaliveInterval: 5000,
      keepaliveCountMax: 3,
      hostVerifier: (key: Buffer) => {
        const v = checkHostKey(key, t.host, t.port, knownHosts, o.hostKey);
        if (!v.ok) refused = v.why;
        return v.ok;
      },
    });
  });
}

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a shell command on the remote host and collect its output. */
export function exec(c: Client, cmd: string): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const onClose = () => reject(new Error('the SSH connection closed'));
    c.once('close', onClose);
    const started = (err: Error | undefined, ch: ClientChannel) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      ch.on('data', (d: Buffer) => (stdout += d.toString()));
      ch.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      ch.on('exit', (c2: number | null) => (code = c2));
      ch.on('close', () => {
        c.off('close', onClose);
        resolve({ code, stdout, stderr });
      });
    };
    try {
      c.exec(cmd, started);
    } catch (e) {
      c.off('close', onClose);
      reject(e as Error); // "Not connected"
    }
  });
}

/** Like exec, but a non-zero exit is an error carrying stderr. */
export async function run(c: Client, cmd: string, what: string): Promise<string> {
  const r = await exec(c, cmd);
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}): ${r.stderr.trim() || r.stdout.trim()}`);
  return r.stdout;
}

export function sftp(c: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => c.sftp((err, s) => (err ? reject(err) : resolve(s))));
}

/** Copy a local file to `remote` over sftp (with `mode`, when given). */
export function putFile(s: SFTPWrapper, local: string, remote: string, mode?: number): Promise<void> {
  return new Promise<void>((res, rej) => s.fastPut(local, remote, mode ? { mode } : {}, (e) => (e ? rej(e) : res())));
}

/** Single-quote for a POSIX shell. */
export const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Connect, retrying with exponential backoff (0.5 s doubling, at most 8 s) on network errors; host key and auth refusals are final. */
export async function connectRetrying(t: Target, o: SshOptions, attempts: number, stopped: () => boolean = () => false): Promise<Client> {
  let delay = 500;
  for (let i = 1; ; i++) {
    try {
      return await connect(t, o);
    } catch (e) {
      const msg = (e as Error).message;
      const final = /refusing to connect|authentication failed|no way to authenticate|--ssh-id/.test(msg);
      if (final || i >= attempts || stopped()) throw e;
      log.warn(`${msg}; retrying in ${delay / 1000} s`);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 8000);
    }
  }
}
