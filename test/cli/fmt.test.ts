// `mgmt fmt`: printing, --check, --write (atomic, never on a file that does
// not parse), and over every conformance program: formatting twice gives the
// same text and the formatted text parses to the same tree.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSource } from '../../src/cli/fmt.js';
import { parse } from '../../src/lang/parser.js';
import { expectAstEqual } from '../helpers/ast-equal.js';
import { mgmt, requireDist, root } from '../helpers/cli.js';
import { listTxtar, readTxtar } from '../helpers/txtar.js';

let dir: string;
const UGLY = '# keep me\n$x   =   1 # and me\nfile "/tmp/a"   {\n    content => "x" ,\n  mode=>"0644",\n}\n';

beforeAll(() => {
  requireDist();
  dir = mkdtempSync(join(tmpdir(), 'mgmt-fmt-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mgmt fmt', () => {
  it('prints the formatted text, comments kept, and leaves the file alone', () => {
    const f = join(dir, 'a.mcl');
    writeFileSync(f, UGLY);
    const r = mgmt(['fmt', f]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('# keep me\n$x = 1 # and me\nfile "/tmp/a" {\n\tcontent => "x",\n\tmode => "0644",\n}\n');
    expect(readFileSync(f, 'utf8')).toBe(UGLY);
  });

  it('--check lists the files that would change and exits 1; 0 when all are formatted', () => {
    const ugly = join(dir, 'b.mcl');
    const tidy = join(dir, 'c.mcl');
    writeFileSync(ugly, UGLY);
    writeFileSync(tidy, '$y = 2\n');
    const r = mgmt(['fmt', '--check', ugly, tidy]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(`${ugly}\n`);
    expect(mgmt(['fmt', '--check', tidy]).code).toBe(0);
  });

  it('--write rewrites in place, leaving no temp file; a second run changes nothing', () => {
    const sub = mkdtempSync(join(dir, 'w-'));
    const f = join(sub, 'd.mcl');
    writeFileSync(f, UGLY);
    const r = mgmt(['fmt', '--write', f]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${f}\n`);
    expect(readFileSync(f, 'utf8')).toContain('\tmode => "0644",\n');
    expect(readdirSync(sub)).toEqual(['d.mcl']);
    expect(mgmt(['fmt', '--check', f]).code).toBe(0);
  });

  it('a file that does not parse is reported as file:line:col and never rewritten', () => {
    const f = join(dir, 'bad.mcl');
    const text = '$x = 1\n$y = = 2\n';
    writeFileSync(f, text);
    const r = mgmt(['fmt', '--write', f]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^${f}:2:6: errLexParse: parser: \`syntax error`));
    expect(readFileSync(f, 'utf8')).toBe(text);
  });

  it('the examples of this project are formatted', () => {
    const files = readdirSync(join(root, 'examples', 'lang'))
      .filter((f) => f.endsWith('.mcl'))
      .map((f) => join('examples', 'lang', f));
    const r = mgmt(['fmt', '--check', ...files]);
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('over every conformance program', () => {
  const programs: [string, string][] = [];
  for (const suite of ['examples', 'func2', 'errors1', 'func3', 'mutants']) {
    for (const p of listTxtar(join(root, '..', 'shared', 'conformance', 'cases', suite))) {
      for (const [name, text] of readTxtar(p).files) if (name.endsWith('.mcl')) programs.push([`${suite}/${p.split('/').pop()}:${name}`, text]);
    }
  }
  const parsing = programs.filter(([, t]) => parse(t, '/m.mcl').ast);

  it('finds the programs', () => expect(parsing.length).toBeGreaterThan(300));

  it('formatting is idempotent and keeps the tree', () => {
    for (const [name, text] of parsing) {
      const once = formatSource(text, name);
      expect(once.ok, name).toBe(true);
      if (!once.ok) continue;
      const twice = formatSource(once.text, name);
      expect(twice.ok && twice.text, name).toBe(once.text);
      expectAstEqual(parse(once.text, '/m.mcl').ast, parse(text, '/m.mcl').ast);
    }
  });
});
