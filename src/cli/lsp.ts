// `mgmt lsp`: the mcl language server, speaking LSP over stdin/stdout until
// the client sends `exit`, or closes stdin (see docs/editors.md).

import { PassThrough } from 'node:stream';
import type { Command, ParsedArgs } from './command.js';

export const lspCommand: Command = {
  name: 'lsp',
  summary: 'Run the mcl language server over stdio (diagnostics, hover, definition, completion, symbols) for editors.',
  usage: 'mgmt lsp [--stdio]',
  flags: [{ name: 'stdio', help: 'talk over stdin/stdout (the only transport; accepted because clients pass it)' }],
  async run(_args: ParsedArgs): Promise<number> {
    const { startServer } = await import('../lsp/server.js');
    // The server reads stdin through a stream that does not end with it: given
    // a stream that ends, the connection closes at once, before it answers
    // what came before the end (a script that writes a whole session and
    // closes stdin got nothing back).
    const input = new PassThrough();
    process.stdin.pipe(input, { end: false });
    const conn = startServer(input);
    let shutdown = false;
    conn.onShutdown(() => {
      shutdown = true;
    });
    // `exit` ends the process (the library exits 0 after `shutdown`, else 1).
    // When stdin ends instead, answer every message that came before the end
    // (node says `beforeExit` once nothing is left to do), with the same code;
    // but not later than a second after it: the library's watch on the
    // client's pid (from `initialize`) keeps node from ever being idle.
    return new Promise<number>((done) => {
      process.stdin.once('end', () => {
        const finish = () => done(shutdown ? 0 : 1);
        process.once('beforeExit', finish);
        setTimeout(finish, 1000).unref();
      });
    });
  },
};
