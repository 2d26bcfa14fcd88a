// The language server: wires the LSP connection to the features. Documents
// sync incrementally; diagnostics are published after each change (changes
// that arrive together are checked once, for the newest text).

import { createConnection, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import type { Connection, InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completion } from './completion.js';
import { definition } from './definition.js';
import { allDiagnostics } from './diagnostics.js';
import { hover } from './hover.js';
import { symbols } from './symbols.js';
import { Workspace } from './workspace.js';
import type { Program } from '../lang/ast.js';

export function startServer(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Connection {
  const conn = createConnection(input, output);
  const docs = new TextDocuments(TextDocument);
  const ws = new Workspace();
  const pending = new Set<string>();
  /** The last tree that parsed, per document: completion uses it while the text is broken. */
  const lastAst = new Map<string, Program>();

  const analysis = (uri: string) => {
    const d = docs.get(uri);
    if (!d) return undefined;
    const have = ws.get(uri);
    if (!have || have.version !== d.version || have.text !== d.getText()) ws.change(uri, d.version, d.getText());
    const a = ws.analyze(uri);
    if (a?.ast) lastAst.set(uri, a.ast);
    return a;
  };

  const validate = async (uri: string) => {
    pending.delete(uri);
    const a = analysis(uri);
    if (!a) return;
    const diags = await allDiagnostics(a, ws.registry);
    // A newer version is being checked (or the document closed): its diagnostics will follow.
    const now = docs.get(uri);
    if (!now || now.version !== a.doc.version) return;
    void conn.sendDiagnostics({ uri, version: a.doc.version, diagnostics: diags });
  };

  conn.onInitialize(
    (): InitializeResult => ({
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: ['$', '.', ':'] },
      },
      serverInfo: { name: 'mgmt-lsp' },
    }),
  );

  // Opening a document also fires onDidChangeContent, which checks it: once.
  docs.onDidOpen((e) => {
    ws.open(e.document.uri, e.document.version, e.document.getText());
  });
  docs.onDidChangeContent((e) => {
    if (pending.has(e.document.uri)) return;
    pending.add(e.document.uri);
    setImmediate(() => void validate(e.document.uri));
  });
  docs.onDidClose((e) => {
    ws.close(e.document.uri);
    lastAst.delete(e.document.uri);
    void conn.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  conn.onHover((p) => {
    const a = analysis(p.textDocument.uri);
    const d = docs.get(p.textDocument.uri);
    return a && d ? hover(a, d.offsetAt(p.position), ws.registry) : null;
  });
  conn.onDefinition((p) => {
    const a = analysis(p.textDocument.uri);
    const d = docs.get(p.textDocument.uri);
    return a && d ? definition(a, d.offsetAt(p.position)) : null;
  });
  conn.onCompletion((p) => {
    const a = analysis(p.textDocument.uri);
    const d = docs.get(p.textDocument.uri);
    return a && d ? completion(a, d.offsetAt(p.position), ws.registry, ws.reader(), lastAst.get(p.textDocument.uri)) : [];
  });
  conn.onDocumentSymbol((p) => {
    const a = analysis(p.textDocument.uri);
    return a ? symbols(a) : [];
  });

  docs.listen(conn);
  conn.listen();
  return conn;
}
