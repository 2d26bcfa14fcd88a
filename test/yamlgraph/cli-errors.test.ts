// A broken YAML graph through the commands a user runs: `run --yaml`,
// `check --yaml` and `graph --yaml` all name the file, line and column of the
// offending key or value, and run and graph show the line with a caret under
// it, rendered like mcl's errors.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mgmt, requireDist } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  requireDist();
  dir = mkdtempSync(join(tmpdir(), 'mgmt-yaml-err-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

const BAD_MODE = 'graph: g\nresources:\n  file:\n  - name: /tmp/mgmt-yaml-err-never/x\n    mode: [1]\n';
const caret = '\n        mode: [1]\n              ^^^\n';

describe('a YAML graph error names its place in every command', () => {
  it('run --yaml refuses it with file:line:col, the line and a caret', () => {
    const f = write('mode.yaml', BAD_MODE);
    const r = mgmt(['run', '--tmp-prefix', '--converged-timeout', '1', '--max-runtime', '20', '--yaml', f]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(`${f}:5:11: errGraph: file[/tmp/mgmt-yaml-err-never/x]: param mode: expected a string, got a list\n${caret}`);
  }, 30_000);

  it('check --yaml reports it (text and json) and exits 1; a good graph exits 0', () => {
    const f = write('mode2.yaml', BAD_MODE);
    const r = mgmt(['check', '--yaml', f]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(`${f}:5:11: errGraph: file[/tmp/mgmt-yaml-err-never/x]: param mode: expected a string, got a list\n`);
    const j = JSON.parse(mgmt(['check', '--format', 'json', '--yaml', f]).out);
    expect(j[0]).toMatchObject({ file: f, line: 5, col: 11, endLine: 5, endCol: 14, stage: 'errGraph', severity: 'error' });
    const good = write('good.yaml', 'resources:\n  print:\n  - name: p\n    colour: red\n');
    const g = mgmt(['check', '--yaml', good]);
    expect(g.code).toBe(0);
    expect(g.err).toBe(`warning: ${good}:4:5: print[p]: unknown param \`colour\` (ignored)\n`);
  });

  it('graph --yaml prints the stage on stdout and the placed rendering on stderr', () => {
    const f = write('kind.yaml', 'resources:\n  fiel:\n  - name: /tmp/x\n');
    const r = mgmt(['graph', '--yaml', f]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(`# err: errGraph: unknown resource kind \`fiel\`: ${f} @ 2:3-2:7\n`);
    expect(r.err).toBe(`${f}:2:3: errGraph: unknown resource kind \`fiel\`\n\n      fiel:\n      ^^^^\n  help: did you mean \`file\`?\n`);
  });

  it('a syntax error is errLexParse at the line where the YAML broke', () => {
    const f = write('syntax.yaml', 'resources:\n  print:\n  - name: a\n   msg: x\n');
    const r = mgmt(['check', '--yaml', f]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`^${f.replace(/[.]/g, '\\.')}:4:\\d+: errLexParse: YAML syntax error: `));
  });
});
