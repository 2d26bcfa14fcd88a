// `mgmt lsp` spoken to over stdio: initialize, didOpen, didChange, hover,
// definition, completion, documentSymbol, shutdown. Sources mark cursor
// positions with `<|>` (none of these sources use the except operator).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireDist } from '../helpers/cli.js';
import { cursors, LspClient } from '../helpers/lsp-client.js';

let client: LspClient;
let dir: string;
let n = 0;

interface HoverResult {
  contents: { value: string };
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
interface Loc {
  uri: string;
  range: HoverResult['range'];
}

beforeAll(async () => {
  requireDist();
  dir = mkdtempSync(join(tmpdir(), 'mgmt-lsp-'));
  client = new LspClient();
  const init = (await client.initialize()) as { capabilities: Record<string, unknown> };
  expect(init.capabilities.hoverProvider).toBe(true);
});

afterAll(async () => {
  // shutdown, then exit: the server ends with status 0.
  expect(await client.shutdown()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

async function open(src: string) {
  const { text, at } = cursors(src);
  const uri = pathToFileURL(join(dir, `doc${++n}.mcl`)).href;
  client.open(uri, text);
  const diags = await client.diagnosticsFor(uri, 1);
  const pos = (i: number) => ({ textDocument: { uri }, position: at[i] });
  return {
    uri,
    text,
    at,
    diags,
    hover: (i: number) => client.request<HoverResult | null>('textDocument/hover', pos(i)),
    definition: (i: number) => client.request<Loc | null>('textDocument/definition', pos(i)),
    completion: async (i: number) => ((await client.request<{ label: string; detail?: string }[]>('textDocument/completion', pos(i))) ?? []).map((c) => c.label),
  };
}

const PROGRAM = `import "fmt"

$co<|>unt = 42
$msg = fmt.pri<|>ntf("n=%d", $cou<|>nt)
func twice($x) {
	$x * 2
}
file "/tmp/a" {
	con<|>tent => $msg,
	Meta:ret<|>ry => 3,
}
test "t" {
	anotherstr => fmt.printf("%d", tw<|>ice($count)),
}
`;

describe('diagnostics', () => {
  it('a good program has none', async () => {
    expect((await open(PROGRAM)).diags).toEqual([]);
  });

  it('a type error has the stage as code and the range of the expression; didChange re-checks', async () => {
    const d = await open('$a = 1\ntest "t" {\n\tanotherstr => $a + "x",\n}\n');
    expect(d.diags).toHaveLength(1);
    expect(d.diags[0].code).toBe('errUnify');
    expect(d.diags[0].range.start).toEqual({ line: 2, character: 15 });
    expect(d.diags[0].message).toContain('int != str');
    client.change(d.uri, 2, '$a = "1"\ntest "t" {\n\tanotherstr => $a + "x",\n}\n');
    expect(await client.diagnosticsFor(d.uri, 2)).toEqual([]);
    client.change(d.uri, 3, 'test "t" {\n\tanotherstr => $nope,\n}\n');
    const scope = await client.diagnosticsFor(d.uri, 3);
    expect(scope.map((x) => [x.code, x.range.start.line])).toEqual([['errSetScope', 1]]);
  });

  it('reports several syntax errors at once (parser recovery)', async () => {
    const d = await open('$a = \n$b = 2\n$c = )\n');
    expect(d.diags.every((x) => x.code === 'errLexParse')).toBe(true);
    expect(d.diags.map((x) => x.range.start.line)).toEqual([0, 2]);
  });
});

describe('hover', () => {
  it('shows types, function signatures with docs, and resource params', async () => {
    const d = await open(PROGRAM);
    const bind = await d.hover(0);
    expect(bind?.contents.value).toContain('int');
    const printf = await d.hover(1);
    expect(printf?.contents.value).toContain('fmt.printf: func(');
    expect(printf?.contents.value).toMatch(/format/i);
    const ref = await d.hover(2);
    expect(ref?.contents.value).toContain('$count :: int');
    expect(ref?.range).toEqual({ start: { line: 3, character: 26 }, end: { line: 3, character: 32 } });
    const param = await d.hover(3);
    expect(param?.contents.value).toContain('content str');
    expect(param?.range).toEqual({ start: { line: 8, character: 1 }, end: { line: 8, character: 8 } });
    expect((await d.hover(4))?.contents.value).toContain('Meta:retry int');
    expect((await d.hover(5))?.contents.value).toContain('int');
  });
});

describe('definition', () => {
  it('jumps to binds, func statements and classes', async () => {
    const d = await open(PROGRAM);
    const v = await d.definition(2);
    expect(v?.uri).toBe(d.uri);
    expect(v?.range.start).toEqual({ line: 2, character: 0 });
    const f = await d.definition(5);
    expect(f?.range.start).toEqual({ line: 4, character: 5 });
    const c = await open('class c1($x) {\n\tprint "p" { msg => $<|>x, }\n}\ninclude <|>c1("a")\n');
    expect((await c.definition(0))?.range.start).toEqual({ line: 0, character: 9 });
    expect((await c.definition(1))?.range.start).toEqual({ line: 0, character: 6 });
  });

  it('jumps from an import to the imported file', async () => {
    writeFileSync(join(dir, 'lib.mcl'), '$y = 1\n');
    const d = await open('import "li<|>b.mcl"\n');
    const loc = await d.definition(0);
    expect(loc?.uri).toBe(pathToFileURL(join(dir, 'lib.mcl')).href);
  });
});

describe('completion', () => {
  it('offers params, Meta params and edges inside a resource body', async () => {
    const d = await open('file "/tmp/x" {\n\t<|>\n}\n');
    const labels = await d.completion(0);
    expect(labels).toEqual(expect.arrayContaining(['content', 'mode', 'state', 'Meta:retry', 'Meta', 'Before', 'Notify']));
    expect(labels).not.toContain('anotherstr');
  });

  it('offers Meta params after `Meta:`', async () => {
    const d = await open('exec "x" {\n\tMeta:<|>\n}\n');
    expect(await d.completion(0)).toEqual(expect.arrayContaining(['retry', 'delay', 'noop', 'sema']));
  });

  it('offers module functions after `module.`', async () => {
    const d = await open('import "strings"\n$x = strings.<|>\n');
    expect(await d.completion(0)).toEqual(expect.arrayContaining(['to_upper', 'to_lower']));
  });

  it('offers the variables in scope after `$`', async () => {
    const d = await open('$top = 1\nfor $i, $v in [1] {\n\t$inner = 2\n\ttest "x" { anotherstr => "${v}", int64 => $<|>, }\n}\nclass k($p) {\n\t$hidden = 1\n}\n');
    const labels = await d.completion(0);
    expect(labels).toEqual(expect.arrayContaining(['top', 'i', 'v', 'inner']));
    expect(labels).not.toContain('hidden');
    expect(labels).not.toContain('p');
  });

  it('offers resource kinds and keywords at the start of a statement', async () => {
    const d = await open('<|>\n');
    expect(await d.completion(0)).toEqual(expect.arrayContaining(['file', 'exec', 'test', 'import', 'class']));
  });
});

describe('document symbols', () => {
  it('lists binds, funcs, classes, resources and imports', async () => {
    const d = await open(PROGRAM.replaceAll('<|>', ''));
    const syms = await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: d.uri } });
    expect(syms.map((s) => s.name)).toEqual(['import "fmt"', '$count', '$msg', 'twice', 'file[/tmp/a]', 'test[t]']);
  });
});
