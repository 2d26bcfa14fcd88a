// Running commands for the exec kind: splitting a command line into words
// the way a shell does for a simple command (quotes and backslashes, no
// expansion), and running a process to completion with its output captured.

import { childProcess } from '../../util/builtins.js';

/** `echo "a b" 'c'\ d` → [echo, a b, c d]. Throws on an unterminated quote. */
export function splitWords(cmd: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i];
    if (c === "'") {
      const end = cmd.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated quote in command: ${cmd}`);
      cur += cmd.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < cmd.length && cmd[j] !== '"'; j++) {
        // Inside double quotes a backslash escapes only these, as in sh.
        if (cmd[j] === '\\' && j + 1 < cmd.length && '"\\$`\n'.includes(cmd[j + 1])) j++;
        cur += cmd[j];
      }
      if (j >= cmd.length) throw new Error(`unterminated quote in command: ${cmd}`);
      i = j;
      inWord = true;
    } else if (c === '\\' && i + 1 < cmd.length) {
      i++;
      if (cmd[i] !== '\n') cur += cmd[i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** What to run: `shell -c cmd` when a shell is given, else the words of cmd followed by args. */
export function argvFor(cmd: string, shell: string, args: string[] = []): string[] {
  if (shell !== '') return [shell, '-c', cmd];
  const words = splitWords(cmd);
  if (words.length === 0) throw new Error("command can't be empty");
  return [...words, ...args];
}

export interface RunOpts {
  cwd?: string;
  env?: Map<string, string>;
  uid?: number;
  gid?: number;
  signal?: AbortSignal;
  /** Sent to the process when the signal aborts; default SIGKILL. */
  killSignal?: NodeJS.Signals;
}

export interface RunResult {
  /** The exit code, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
}

export function envFor(extra?: Map<string, string>): NodeJS.ProcessEnv {
  if (!extra || extra.size === 0) return process.env;
  return { ...process.env, ...Object.fromEntries(extra) };
}

/** Run to completion. Rejects when it cannot start or when the signal aborts; a non-zero exit resolves. */
export function runProcess(argv: string[], o: RunOpts = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) return reject(new Error('aborted before the command started'));
    const child = childProcess().spawn(argv[0], argv.slice(1), { cwd: o.cwd || undefined, env: envFor(o.env), uid: o.uid, gid: o.gid, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const all: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => (out.push(b), all.push(b)));
    child.stderr.on('data', (b: Buffer) => (err.push(b), all.push(b)));
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      child.kill(o.killSignal ?? 'SIGKILL');
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      o.signal?.removeEventListener('abort', onAbort);
      reject(new Error(`cannot run \`${argv[0]}\`: ${e.message}`));
    });
    child.on('close', (code, sig) => {
      o.signal?.removeEventListener('abort', onAbort);
      if (aborted) {
        const r: unknown = o.signal?.reason;
        const why = r instanceof Error && r.name === 'TimeoutError' ? 'timed out' : 'was stopped';
        return reject(new Error(`the command \`${argv.join(' ')}\` ${why} (sent ${o.killSignal ?? 'SIGKILL'})`));
      }
      resolve({ code, signal: sig, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), output: Buffer.concat(all).toString() });
    });
  });
}

/** The last `n` non-empty lines of a text, for error messages. */
export function lastLines(text: string, n = 5): string {
  return text.split('\n').filter((l) => l.trim() !== '').slice(-n).join('\n');
}
