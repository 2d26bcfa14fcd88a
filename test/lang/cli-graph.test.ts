// `mgmt graph` as a user runs it: exit codes, what goes to stdout and stderr,
// the text/json/dot formats, help, and a --version that never loads the compiler.
// Needs dist/ (`npm run build`; `npm test` builds first).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeProgram } from '../helpers/compile.js';
import { mgmt, requireDist, root } from '../helpers/cli.js';

beforeAll(requireDist);

const PROG = 'file "/a/" {}\nfile "/a/b" {\n\tcontent => "x",\n\tMeta:limit => 2.5,\n\tMeta:burst => 1,\n}\ntest "t" {\n\tNotify => File["/a/b"],\n}\n';

describe('mgmt graph', () => {
  it('prints the sorted text graph on stdout and exits 0', () => {
    const dir = writeProgram(PROG);
    const r = mgmt(['graph', join(dir, 'main.mcl')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'Edge: file[/a/] -> file[/a/b] # file[/a/] -> file[/a/b]',
        'Edge: test[t] -> file[/a/b] # test[t] -> file[/a/b]',
        'Vertex: file[/a/]',
        'Vertex: file[/a/b]',
        'Vertex: test[t]',
        '',
      ].join('\n'),
    );
  });

  it('accepts a directory and prints nothing for an empty graph', () => {
    const dir = writeProgram('$unused = 1\n');
    const r = mgmt(['graph', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
  });

  it('prints --format json with vertices (kind, name, params, meta) and edges (from, to, notify)', () => {
    const dir = writeProgram(PROG);
    const r = mgmt(['graph', '--format', 'json', join(dir, 'main.mcl')]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { vertices: Record<string, unknown>[]; edges: Record<string, unknown>[] };
    expect(Object.keys(j).sort()).toEqual(['edges', 'vertices']);
    for (const v of j.vertices) expect(Object.keys(v).sort()).toEqual(['kind', 'meta', 'name', 'params']);
    const b = j.vertices.find((v) => v.name === '/a/b')!;
    expect(b.kind).toBe('file');
    expect(b.params).toEqual({ content: 'x' });
    expect(b.meta).toMatchObject({ limit: 2.5, burst: 1, noop: false, autoedge: true });
    expect((j.vertices.find((v) => v.name === '/a/')!.meta as { limit: unknown }).limit).toBe('Inf');
    expect(j.edges).toContainEqual({ from: 'test[t]', to: 'file[/a/b]', notify: true });
    expect(j.edges).toContainEqual({ from: 'file[/a/]', to: 'file[/a/b]', notify: false });
    expect(j.edges).toHaveLength(2);
  });

  it('prints --format dot', () => {
    const dir = writeProgram(PROG);
    const r = mgmt(['graph', '--format=dot', join(dir, 'main.mcl')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^digraph "mgmt" \{\n/);
    expect(r.out).toContain('"test[t]" -> "file[/a/b]" [style=bold, label="notify"];');
    expect(r.out).toContain('"file[/a/]" -> "file[/a/b]";');
    expect(r.out.trimEnd().endsWith('}')).toBe(true);
  });

  it('reports a language error as one stdout line and a caret drawing on stderr, exit 1', () => {
    const dir = writeProgram('test "a" {}\n$x = \n');
    const r = mgmt(['graph', join(dir, 'main.mcl')]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('# err: errLexParse: parser: `syntax error: unexpected NEWLINE`: /main.mcl @ 2:6-2:7\n');
    expect(r.err).toContain('/main.mcl:2:6: errLexParse:');
    expect(r.err).toContain('    $x = \n         ^');
  });

  it('reports each later stage the same way', () => {
    const cases: [string, string][] = [
      ['test "${x}" {}\n', 'errSetScope'],
      ['test "a" {\n\tanotherstr => 1,\n}\n', 'errUnify'],
      ['$l = ["a"]\ntest [$l[3]] {}\n', 'errStream'],
      ['test "$n" {}\n', 'errInterpret'],
    ];
    for (const [src, stage] of cases) {
      const r = mgmt(['graph', join(writeProgram(src), 'main.mcl')]);
      expect(r.code, src).toBe(1);
      expect(r.out.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.out.startsWith(`# err: ${stage}: `), r.out).toBe(true);
    }
  });

  it('reports a missing file as an error, and usage errors with exit 64', () => {
    const missing = mgmt(['graph', join(mkdtempSync(join(tmpdir(), 'mcl-')), 'nope.mcl')]);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/^# err: errLexParse: could not read the entry file/);
    expect(mgmt(['graph']).code).toBe(64);
    const bad = mgmt(['graph', '--format', 'yaml', 'x.mcl']);
    expect(bad.code).toBe(64);
    expect(bad.err).toMatch(/unknown --format `yaml`/);
    expect(bad.out).toBe('');
    expect(mgmt(['nosuchcommand']).code).toBe(64);
  });

  it('honours --hostname', () => {
    const r = mgmt(['graph', '--hostname', 'box7', join(writeProgram('test "${hostname}" {}\n'), 'main.mcl')]);
    expect(r.out).toBe('Vertex: test[box7]\n');
  });
});

describe('help and version', () => {
  it('prints help for the program and for a command', () => {
    const top = mgmt(['--help']);
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/Usage: mgmt <command>/);
    expect(top.out).toMatch(/graph/);
    expect(top.out).toMatch(/check/);
    const cmd = mgmt(['graph', '--help']);
    expect(cmd.code).toBe(0);
    expect(cmd.out).toMatch(/--format/);
  });

  // How quickly: bench/claims.ts (and bench/startup.ts).
  it('prints the version without loading the compiler', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    // a loader hook logs every file module node loads
    const hooks = mkdtempSync(join(tmpdir(), 'mcl-hooks-'));
    writeFileSync(join(hooks, 'hooks.mjs'), "export async function load(url, ctx, next) { if (url.startsWith('file:')) process.stderr.write(`LOAD ${url}\\n`); return next(url, ctx); }\n");
    writeFileSync(join(hooks, 'reg.mjs'), "import { register } from 'node:module';\nregister(new URL('./hooks.mjs', import.meta.url));\n");
    const traced = mgmt(['--version'], ['--import', join(hooks, 'reg.mjs')]);
    expect(traced.out).toBe(`mgmt ${pkg.version}\n`);
    // Whatever was loaded from dist/ (the bundle's chunks, or tsc's files)
    // holds no code of the compiler (esbuild marks each source file it bundles).
    const loaded = [...traced.err.matchAll(/^LOAD file:\/\/(\S+)$/gm)].map((m) => m[1]).filter((f) => f.includes('/dist/'));
    expect(loaded.length).toBeGreaterThan(0);
    for (const f of loaded) {
      expect(f, 'a module of the compiler').not.toMatch(/dist\/lang\//);
      expect(readFileSync(f, 'utf8'), `${f} bundles compiler code`).not.toMatch(/^\/\/ src\/lang\//m);
    }
  });
});
