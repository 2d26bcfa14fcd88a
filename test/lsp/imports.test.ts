// `mgmt lsp` over stdio on a deploy with a local library: completion after
// an import's alias and after `$` offers the library's names (read from its
// open buffer, else from disk, even while the document being typed does not
// parse); a document is compiled and its diagnostics published once per
// open, counted from the server's own debug log; a diagnostic's text does not
// repeat the place its range gives.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireDist } from '../helpers/cli.js';
import { cursors, LspClient } from '../helpers/lsp-client.js';

let client: LspClient;
let dir: string;
let n = 0;

interface Item {
  label: string;
  kind?: number;
  detail?: string;
  documentation?: string;
}

const LIB = `# The answer to everything.
$answer = 42
$greeting = "hello"

# Twice its argument.
func twice($x) {
	$x * 2
}

class hello($name) {
	print "hi" {
		msg => "hi \${name}",
	}
}
`;

beforeAll(async () => {
  requireDist();
  dir = mkdtempSync(join(tmpdir(), 'mgmt-lsp-imports-'));
  writeFileSync(join(dir, 'lib.mcl'), LIB);
  mkdirSync(join(dir, 'mod1'));
  writeFileSync(join(dir, 'mod1', 'main.mcl'), '$modvar = "m"\nfunc modfunc() {\n\t"x"\n}\n');
  client = new LspClient({ env: { MGMT_LOG: 'debug' } });
  await client.initialize();
});

afterAll(async () => {
  expect(await client.shutdown()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

async function open(src: string) {
  const { text, at } = cursors(src);
  const uri = pathToFileURL(join(dir, `doc${++n}.mcl`)).href;
  client.open(uri, text);
  const diags = await client.diagnosticsFor(uri, 1);
  const complete = async (i: number) => (await client.request<Item[]>('textDocument/completion', { textDocument: { uri }, position: at[i] })) ?? [];
  return { uri, diags, complete, labels: async (i: number) => (await complete(i)).map((c) => c.label) };
}

describe('completion reaches into local imports', () => {
  it('`lib.` offers the file\'s functions; `include lib.` its classes; `$lib.` its variables', async () => {
    const d = await open('import "lib.mcl"\n$a = lib.<|>\ninclude lib.<|>\nprint "p" {\n\tmsg => $lib.<|>,\n}\n');
    const funcs = await d.complete(0);
    expect(funcs.map((c) => c.label)).toEqual(['twice']);
    expect(funcs[0]).toMatchObject({ detail: 'func twice($x)', documentation: 'Twice its argument.', kind: 3 });
    expect(await d.labels(1)).toEqual(['hello']);
    const vars = await d.complete(2);
    expect(vars.map((c) => c.label)).toEqual(['answer', 'greeting']);
    expect(vars[0]).toMatchObject({ detail: '$answer', documentation: 'The answer to everything.' });
  });

  it('an alias given with `as`, a module directory, and a system module work alike', async () => {
    const d = await open('import "lib.mcl" as l\nimport "mod1/"\nimport "strings"\n$a = l.<|>\n$b = mod1.<|>\n$c = strings.<|>\n');
    expect(await d.labels(0)).toEqual(['twice']);
    expect(await d.labels(1)).toEqual(['modfunc']);
    expect(await d.labels(2)).toEqual(expect.arrayContaining(['to_upper', 'to_lower']));
  });

  it('`$` offers the names in scope and the imported ones, while the document does not parse', async () => {
    const d = await open('import "lib.mcl"\nimport "mod1/" as *\n$mine = 1\nprint "p" {\n\tmsg => $<|>\n');
    expect(d.diags.some((x) => x.code === 'errLexParse')).toBe(true);
    const labels = await d.labels(0);
    expect(labels).toEqual(expect.arrayContaining(['mine', 'lib.answer', 'lib.greeting', 'modvar']));
    expect(labels).not.toContain('lib.twice');
  });

  it('inside a string, `${` offers the same names', async () => {
    const d = await open('import "lib.mcl"\n$mine = "x"\nprint "p" {\n\tmsg => "say ${<|>');
    expect(await d.labels(0)).toEqual(expect.arrayContaining(['mine', 'lib.greeting']));
    const e = await open('$mine = "x"\nprint "p" {\n\tmsg => "no $<|> here",\n}\n');
    expect(await e.labels(0)).toEqual([]);
  });

  it('`$` at the end of a file being typed offers its binds', async () => {
    const d = await open('$first = 1\n$second = $<|>');
    expect(await d.labels(0)).toEqual(expect.arrayContaining(['first']));
  });

  it('an unsaved edit of the library is what completion offers', async () => {
    const libUri = pathToFileURL(join(dir, 'lib.mcl')).href;
    client.open(libUri, LIB + '\nfunc thrice($x) {\n\t$x * 3\n}\n');
    await client.diagnosticsFor(libUri, 1);
    const d = await open('import "lib.mcl"\n$a = lib.<|>\n');
    expect(await d.labels(0)).toEqual(['twice', 'thrice']);
    client.close(libUri);
  });
});

describe('one compile per open', () => {
  it('a document is parsed, compiled and published once when it is opened', async () => {
    const before = client.stderr.length;
    const d = await open('import "lib.mcl"\n$x = lib.twice(2)\ntest "t" {\n\tint64 => $x,\n\tanotherstr => $lib.greeting,\n}\n');
    expect(d.diags).toEqual([]);
    // Let anything late arrive before counting.
    await new Promise((r) => setTimeout(r, 300));
    const log = client.stderr.slice(before);
    const count = (re: RegExp) => log.split('\n').filter((l) => re.test(l)).length;
    expect(count(new RegExp(`lsp: compiled ${d.uri.replace(/[.]/g, '\\.')} v1 in `)), log).toBe(1);
    expect(count(/^debug: lex\/parse: /), log).toBe(1);
    expect(count(/^debug: unify: /), log).toBe(1);
    expect(client.published.filter((p) => p.uri === d.uri)).toEqual([{ uri: d.uri, version: 1 }]);
  });
});

describe('diagnostic text', () => {
  it('does not repeat the position its range gives; the other places are related information', async () => {
    const d = await open('$a = $b\n$b = $a\nprint "p" {\n\tmsg => $a,\n}\n');
    const diag = d.diags[0] as (typeof d.diags)[number] & { relatedInformation?: { location: { range: { start: unknown } }; message: string }[] };
    expect(diag.code).toBe('errSetScope');
    expect(diag.range.start).toEqual({ line: 0, character: 5 });
    expect(diag.message).toBe('recursive reference while setting scope: not a dag');
    expect(diag.relatedInformation?.map((r) => [r.location.range.start, r.message])).toEqual([[{ line: 1, character: 5 }, 'also part of the cycle']]);
    for (const x of d.diags) expect(x.message).not.toMatch(/@ \d+:\d+|\.mcl:\d+:\d+/);
  });
});
