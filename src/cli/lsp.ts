// `mgmt lsp`: the mcl language server, speaking LSP over stdin/stdout until
// the client sends `exit` (see docs/editors.md).

import type { Command, ParsedArgs } from './command.js';

export const lspCommand: Command = {
  name: 'lsp',
  summary: 'Run the mcl language server over stdio (diagnostics, hover, definition, completion, symbols) for editors.',
  usage: 'mgmt lsp [--stdio]',
  flags: [{ name: 'stdio', help: 'talk over stdin/stdout (the only transport; accepted because clients pass it)' }],
  async run(_args: ParsedArgs): Promise<number> {
    const { startServer } = await import('../lsp/server.js');
    const conn = startServer();
    // The connection ends the process on `exit`; until then keep running.
    return new Promise<number>((done) => {
      conn.onExit(() => done(0));
      process.stdin.on('end', () => done(0));
    });
  },
};
