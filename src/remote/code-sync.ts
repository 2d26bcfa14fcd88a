// The program's files on a remote host, kept equal to the initiator's: sent
// by sftp when the agent starts, and again whenever a file is saved here (the
// seed's "live remote hacking"). The remote agent watches its code and swaps
// its graph, so only what changed runs again. Only files whose content
// changed are sent; each goes to a temporary name and is renamed into place,
// so the remote agent never reads half a file.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { log } from '../util/log.js';
import { SourceWatcher } from '../util/source-watch.js';
import { putFile, run, sftp, sq } from './ssh.js';

export interface CodeList {
  root: string;
  files: string[];
}

const digest = (file: string): string | undefined => {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return undefined; // gone or unreadable: nothing to send
  }
};

export class CodeSync {
  /** What the remote holds: relative path → sha256 of the content sent. */
  private readonly sent = new Map<string, string>();
  private watcher?: SourceWatcher;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    /** The program's files now (read again on every change: an edit may import a new file). */
    private readonly list: () => CodeList,
    /** `<tmp>` on the remote host: the code goes to `<tmp>/code/`. */
    private readonly dir: string,
    /** The current connection (it changes after a reconnect). */
    private readonly conn: () => Client | undefined,
    private readonly name: string,
  ) {}

  /** Send every file whose content the remote does not hold yet; the number sent. */
  async send(): Promise<number> {
    const code = this.list();
    const todo: { rel: string; hash: string }[] = [];
    for (const rel of code.files) {
      const hash = digest(join(code.root, rel));
      if (hash && this.sent.get(rel) !== hash) todo.push({ rel, hash });
    }
    if (!todo.length) return 0;
    const c = this.conn();
    if (!c) throw new Error('not connected');
    const dirs = new Set<string>();
    for (const { rel } of todo) for (let d = rel; (d = d.slice(0, Math.max(0, d.lastIndexOf('/')))); ) dirs.add(d);
    await run(c, `mkdir -p ${[...dirs, ''].map((d) => sq(`${this.dir}/code/${d}`)).join(' ')}`, `${this.name}: sending the code`);
    const s = await sftp(c);
    try {
      // Temporary names outside code/, where the remote agent does not look.
      await Promise.all(todo.map((t, i) => putFile(s, join(code.root, t.rel), `${this.dir}/send-${i}.part`)));
    } finally {
      s.end();
    }
    await run(c, todo.map((t, i) => `mv -f ${sq(`${this.dir}/send-${i}.part`)} ${sq(`${this.dir}/code/${t.rel}`)}`).join(' && '), `${this.name}: sending the code`);
    for (const t of todo) this.sent.set(t.rel, t.hash);
    this.watcher?.add(code.files.map((f) => join(code.root, f)));
    return todo.length;
  }

  /** From now on, send what changes (until close()). */
  watch(): void {
    const code = this.list();
    this.watcher = new SourceWatcher(code.files.map((f) => join(code.root, f)), () => this.resend(), 50);
  }

  /** Send again what changed; after a reconnect too (a save while the connection was down). */
  resend(): Promise<void> {
    this.chain = this.chain.then(async () => {
      if (this.closed) return;
      try {
        const n = await this.send();
        if (n) log.info(`${this.name}: sent the changed code (${n} file${n === 1 ? '' : 's'})`);
      } catch (e) {
        log.warn(`${this.name}: could not send the changed code (sent again on the next save or reconnect): ${(e as Error).message}`);
      }
    });
    return this.chain;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.watcher?.close();
    await this.chain;
  }
}
