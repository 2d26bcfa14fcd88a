// The corpus of broken programs (test/diagnostics/cases/*.mcl): one mistake
// each, as newcomers make them, with the diagnostic expected in a three-line
// header. `check`, `graph`, the language server and (for the mistakes only a
// run would otherwise find) `run --tmp-prefix` must all report it at the same
// place with the same message. Adding a case is adding a file:
//
//   # error: LINE:COL STAGE: MESSAGE      (or `# note: LINE:COL MESSAGE` for a program check accepts)
//   # help: SUGGESTION                    (or `none`)
//   # run: rejects | fails | skip         (rejects: run refuses the program; fails: run starts and a resource fails)

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mgmt, requireDist, root } from '../helpers/cli.js';
import { LspClient } from '../helpers/lsp-client.js';

const DIR = join(root, 'test', 'diagnostics', 'cases');

interface Case {
  name: string;
  path: string;
  text: string;
  severity: 'error' | 'note';
  line: number;
  col: number;
  stage: string;
  message: string;
  help?: string;
  run: 'rejects' | 'fails' | 'skip';
}

function readCase(file: string): Case {
  const path = join(DIR, file);
  const text = readFileSync(path, 'utf8');
  const [first, second, third] = text.split('\n');
  const err = /^# error: (\d+):(\d+) (err\w+): (.*)$/.exec(first);
  const note = /^# note: (\d+):(\d+) (.*)$/.exec(first);
  const help = /^# help: (.*)$/.exec(second)?.[1];
  const run = /^# run: (rejects|fails|skip)$/.exec(third)?.[1] as Case['run'] | undefined;
  if ((!err && !note) || help === undefined || !run) throw new Error(`${file}: the header must be "# error:"/"# note:", "# help:" and "# run:" lines`);
  const base = { name: file, path, text, help: help === 'none' ? undefined : help, run };
  if (err) return { ...base, severity: 'error', line: +err[1], col: +err[2], stage: err[3], message: err[4] };
  return { ...base, severity: 'note', line: +note![1], col: +note![2], stage: 'note', message: note![3] };
}

const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.mcl'))
  .sort()
  .map(readCase);

/** The first line of a diagnostic as check, graph and run print it. */
const headline = (c: Case) => `${c.path}:${c.line}:${c.col}: ${c.stage}: ${c.message}`;

beforeAll(() => requireDist());

describe('the corpus', () => {
  it('has at least 40 broken programs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });
});

describe('mgmt check reports each at its place, with its suggestion', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = mgmt(['check', '--format', 'json', c.path]);
    const all = JSON.parse(r.out) as { severity: string; line: number; col: number; stage: string; message: string; help?: string; file: string }[];
    const d = all.find((x) => x.severity === c.severity)!;
    expect(d, r.out).toBeDefined();
    expect({ file: d.file, line: d.line, col: d.col, stage: d.stage, message: d.message, help: d.help }).toEqual({ file: c.path, line: c.line, col: c.col, stage: c.stage, message: c.message, help: c.help });
    expect(r.code).toBe(c.severity === 'error' ? 1 : 0);
    // The text form says the same, with the help below it.
    const text = mgmt(['check', c.path]);
    expect(text.out.split('\n')).toContain(headline(c));
    if (c.help) expect(text.out).toContain(`  help: ${c.help}\n`);
  });
});

describe('mgmt graph agrees (stage on stdout, the same place, message and help on stderr)', () => {
  // graph prints any graph the language builds; whether each kind can run is run's and check's concern.
  const graphed = cases.filter((c) => c.severity === 'error' && c.run !== 'fails');
  it.each(graphed.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = mgmt(['graph', c.path]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`^# err: ${c.stage}: `));
    expect(r.out).not.toContain('\n#', 'one line');
    expect(r.err.split('\n')[0]).toBe(headline(c));
    if (c.help) expect(r.err).toContain(`  help: ${c.help}`);
  });
});

describe('mgmt run --tmp-prefix rejects them too, with the same place and message', () => {
  const ran = cases.filter((c) => c.run !== 'skip');
  it.each(ran.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = mgmt(['run', '--tmp-prefix', '--converged-timeout', '1', '--max-runtime', '20', '--lang', c.path]);
    expect(r.code).not.toBe(0);
    if (c.run === 'rejects') expect(r.err).toContain(headline(c));
    else expect(r.err).toContain(c.message.replace(/^\w+\[[^\]]*\]: /, ''));
  }, 30_000);
});

describe('the language server gives the same diagnostics', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = new LspClient();
    await client.initialize();
  });
  afterAll(async () => {
    await client?.shutdown();
  });
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const uri = pathToFileURL(c.path).href;
    client.open(uri, c.text);
    const diags = (await client.diagnosticsFor(uri, 1)) as (Awaited<ReturnType<LspClient['diagnosticsFor']>>[number] & { severity?: number })[];
    client.close(uri);
    const d = diags.find((x) => x.severity === (c.severity === 'error' ? 1 : 3))!;
    expect(d, JSON.stringify(diags)).toBeDefined();
    expect(d.range.start).toEqual({ line: c.line - 1, character: c.col - 1 });
    if (c.severity === 'error') expect(d.code).toBe(c.stage);
    expect(d.message).toBe(c.help ? `${c.message}\nhelp: ${c.help}` : c.message);
  });
});

describe('check exits non-zero on every mistake that only a run used to find', () => {
  // Issue 14's list: each passed `mgmt check` before, and `--types-only` (upstream's check) still passes it.
  const runTime = ['cycle-two', 'relative-path', 'state-present', 'mode-not-octal', 'edge-missing', 'duplicate-differs', 'kind-cannot-run'];
  it.each(runTime)('%s', (name) => {
    const path = join(DIR, `${name}.mcl`);
    expect(mgmt(['check', path]).code).toBe(1);
    expect(mgmt(['check', '--types-only', path]).code).toBe(0);
  });
});
