// `mgmt lsp` fed a whole session at once, stdin closed behind it (a script or
// a test harness, not an editor): every request is still answered, and the
// exit code says whether the client shut the server down first.

import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { launcher, requireDist, root } from '../helpers/cli.js';

beforeAll(() => requireDist());

const frame = (msg: object): string => {
  const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

/** The messages the server wrote, parsed. */
function messages(out: string): { id?: number; method?: string; result?: unknown; params?: { diagnostics?: { message: string }[] } }[] {
  const found = [];
  for (let rest = out; ; ) {
    const m = /^Content-Length: (\d+)\r\n\r\n/.exec(rest);
    if (!m) break;
    const start = m[0].length;
    const body = Buffer.from(rest.slice(start)).subarray(0, Number(m[1])).toString();
    found.push(JSON.parse(body));
    rest = rest.slice(start + body.length);
  }
  return found;
}

const uri = 'file:///tmp/mgmt-lsp-stdio/x.mcl';
const session = [
  frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }),
  frame({ method: 'initialized', params: {} }),
  frame({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'mcl', version: 1, text: 'import "fmt"\n$x = fmt.printf("%d", "a")\nprint "p" {\n\tmsg => $x,\n}\n' } } }),
  frame({ id: 2, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 1, character: 1 } } }),
];

describe('mgmt lsp over a closed stdin', () => {
  it('answers a whole session written at once, and exits 0 after shutdown and exit', () => {
    const input = [...session, frame({ id: 3, method: 'shutdown' }), frame({ method: 'exit' })].join('');
    const r = spawnSync(launcher, ['lsp', '--stdio'], { input, encoding: 'utf8', cwd: root, timeout: 20_000 });
    const got = messages(r.stdout);
    // (The reply to `shutdown` may lose the race with `exit`: a client is meant to wait for it.)
    expect(got.filter((m) => m.id !== undefined).map((m) => m.id).slice(0, 2)).toEqual([1, 2]);
    const diags = got.find((m) => m.method === 'textDocument/publishDiagnostics');
    expect(diags?.params?.diagnostics?.[0]?.message).toMatch(/printf|int|str/);
    expect(r.status).toBe(0);
  });

  it('ends soon after stdin does while its client still runs (initialize named its pid)', () => {
    const withPid = session.map((m, i) => (i === 0 ? frame({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } }) : m));
    // One that waited for its client to exit would be killed by spawnSync's timeout (status null).
    const r = spawnSync(launcher, ['lsp', '--stdio'], { input: withPid.join(''), encoding: 'utf8', cwd: root, timeout: 20_000 });
    expect(messages(r.stdout).filter((m) => m.id !== undefined).map((m) => m.id)).toEqual([1, 2]);
    expect(r.status).toBe(1);
  });

  it('answers what came before the end of input, and exits 1 without a shutdown', () => {
    const r = spawnSync(launcher, ['lsp', '--stdio'], { input: session.join(''), encoding: 'utf8', cwd: root, timeout: 20_000 });
    expect(messages(r.stdout).filter((m) => m.id !== undefined).map((m) => m.id)).toEqual([1, 2]);
    expect(r.status).toBe(1);
  });
});
