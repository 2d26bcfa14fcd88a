// A minimal LSP client for tests: spawns `mgmt lsp`, frames JSON-RPC with
// Content-Length headers, matches responses to requests and collects
// notifications (publishDiagnostics) by URI.

import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { launcher, root } from './cli.js';

export interface Diag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  code?: string;
}

export class LspClient {
  private proc: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private waiting = new Map<number, (msg: { result?: unknown; error?: unknown }) => void>();
  /** Latest diagnostics per URI, with the version they are for. */
  readonly diagnostics = new Map<string, { version?: number; diagnostics: Diag[] }>();
  private diagWaiters: (() => void)[] = [];
  /** Every publishDiagnostics, in order (uri and version). */
  readonly published: { uri: string; version?: number }[] = [];
  /** What the server wrote on stderr (its log: `MGMT_LOG=debug` gives each stage's timing). */
  stderr = '';

  constructor(opts: { env?: Record<string, string> } = {}) {
    this.proc = spawn(launcher, ['lsp', '--stdio'], { cwd: root, env: { ...process.env, ...opts.env } });
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const sep = this.buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(this.buf.subarray(0, sep).toString())?.[1]);
      if (this.buf.length < sep + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(sep + 4, sep + 4 + len).toString('utf8'));
      this.buf = this.buf.subarray(sep + 4 + len);
      if (msg.id !== undefined && this.waiting.has(msg.id)) {
        this.waiting.get(msg.id)!(msg);
        this.waiting.delete(msg.id);
      } else if (msg.method === 'textDocument/publishDiagnostics') {
        this.diagnostics.set(msg.params.uri, { version: msg.params.version, diagnostics: msg.params.diagnostics });
        this.published.push({ uri: msg.params.uri, version: msg.params.version });
        for (const w of this.diagWaiters.splice(0)) w();
      }
    }
  }

  private send(msg: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request<T = unknown>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (m) => (m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result as T)));
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  async initialize(): Promise<unknown> {
    const r = await this.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    this.notify('initialized', {});
    return r;
  }

  /** Resolves with the diagnostics of `uri` once they are for `version`. */
  async diagnosticsFor(uri: string, version: number, timeoutMs = 20_000): Promise<Diag[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const have = this.diagnostics.get(uri);
      if (have && have.version === version) return have.diagnostics;
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri} v${version}`);
      await new Promise<void>((r) => {
        this.diagWaiters.push(r);
        setTimeout(r, 200);
      });
    }
  }

  open(uri: string, text: string, version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'mcl', version, text } });
  }

  change(uri: string, version: number, text: string): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  async shutdown(): Promise<number | null> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    return new Promise((r) => {
      if (this.proc.exitCode !== null) r(this.proc.exitCode);
      else this.proc.on('exit', (code) => r(code));
    });
  }

  kill(): void {
    this.proc.kill();
  }
}

/**
 * Strips `<|>` cursor markers from a test source; returns the text and the
 * LSP positions of the markers, in order.
 */
export function cursors(src: string): { text: string; at: { line: number; character: number }[] } {
  const at: { line: number; character: number }[] = [];
  let text = '';
  const parts = src.split('<|>');
  parts.forEach((p, i) => {
    text += p;
    if (i < parts.length - 1) {
      const lines = text.split('\n');
      at.push({ line: lines.length - 1, character: lines[lines.length - 1].length });
    }
  });
  return { text, at };
}
