import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphText } from '../../src/engine/format.js';
import type { ResourceGraph } from '../../src/engine/graph.js';
import { LangError } from '../../src/lang/errors.js';
import { MapValue } from '../../src/lang/types/value.js';
import { parseYamlGraph } from '../../src/yamlgraph/parse.js';
import { YamlSource } from '../../src/yamlgraph/source.js';

const parse = (text: string) => parseYamlGraph(text, 'g.yaml');
const errOf = (text: string): LangError => {
  try {
    parse(text);
  } catch (e) {
    return e as LangError;
  }
  throw new Error('expected an error');
};

describe('parseYamlGraph', () => {
  it('reads resources with params of their mcl types, meta params and edges', () => {
    const { name, graph, warnings } = parse(`
graph: g1
resources:
  exec:
  - name: e1
    cmd: echo hi
    shell: /bin/sh
    env: {A: "1"}
    meta: {retry: 3, delay: 100, sema: ["lock:2"], noop: true}
  file:
  - name: /tmp/y/a
    content: "x\\n"
edges:
- name: e
  from: {kind: exec, name: e1}
  to: {kind: file, name: /tmp/y/a}
  notify: true
`);
    expect(name).toBe('g1');
    expect(warnings).toEqual([]);
    const e1 = graph.find('exec', 'e1')!;
    expect(e1.params.get('cmd')).toBe('echo hi');
    expect((e1.params.get('env') as MapValue).get('A')).toBe('1');
    expect(e1.meta).toMatchObject({ retry: 3, delay: 100, sema: ['lock:2'], noop: true, autoedge: true });
    expect(graph.edges[0].notify).toBe(true);
    expect(graphText(graph)).toContain('Edge: exec[e1] -> file[/tmp/y/a] # exec[e1] -> file[/tmp/y/a]');
  });

  it('warns about an unknown param by name and keeps the resource', () => {
    const { graph, warnings } = parse('resources:\n  print:\n  - name: p\n    msg: hi\n    colour: red\n');
    expect(warnings).toEqual(['g.yaml: print[p]: unknown param `colour` (ignored)']);
    expect(graph.find('print', 'p')!.params.get('msg')).toBe('hi');
  });

  it('fails clearly on what cannot make a graph', () => {
    expect(errOf('resources:\n  nosuch:\n  - name: x\n').message).toBe('g.yaml: unknown resource kind `nosuch`');
    expect(errOf('resources:\n  print:\n  - name: p\n    refresh_only: maybe\n').message).toBe(
      'g.yaml: print[p]: param refresh_only: expected true or false, got string "maybe"',
    );
    expect(errOf('resources:\n  print:\n  - name: p\nedges:\n- from: {kind: print, name: p}\n  to: {kind: print, name: q}\n').message).toBe(
      'g.yaml: edges[0]: no resource print[q]',
    );
    const cyc = errOf(
      'resources:\n  print:\n  - name: a\n  - name: b\nedges:\n- {from: {kind: print, name: a}, to: {kind: print, name: b}}\n- {from: {kind: print, name: b}, to: {kind: print, name: a}}\n',
    );
    expect(cyc.stage).toBe('errGraph');
    expect(cyc.message).toMatch(/not a dag/);
    expect(errOf('resources: [').stage).toBe('errLexParse');
    expect(errOf('resources:\n  print:\n  - name: p\n    meta: {limit: 1.5}\n').message).toMatch(/permanently limited/);
    const v = errOf('resources:\n  file:\n  - name: relative\n');
    expect(v.stage).toBe('errValidate');
    expect(v.message).toBe('g.yaml: file[relative] did not Validate: resultant path must be absolute');
  });
});

describe('YamlSource', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('re-reads the file when it changes, and reports a bad edit without dropping the graph', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mgmt-yaml-'));
    const f = join(dir, 'g.yaml');
    writeFileSync(f, 'resources:\n  print:\n  - name: a\n');
    const graphs: ResourceGraph[] = [];
    const errors: [LangError, boolean][] = [];
    const src = new YamlSource(f, { watch: true, debounce: 20 });
    await src.start({ graph: (g) => graphs.push(g), error: (e, fatal) => errors.push([e, fatal]) });
    expect(graphs.length).toBe(1);
    // Let the watcher finish its initial scan before editing.
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(f, 'resources:\n  print:\n  - name: a\n  - name: b\n');
    const until = async (cond: () => boolean) => {
      for (let i = 0; i < 250 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
    };
    await until(() => graphs.length === 2);
    expect(graphText(graphs[1])).toBe('Vertex: print[a]\nVertex: print[b]\n');
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(f, 'resources: [');
    await until(() => errors.length === 1);
    expect(errors[0][1]).toBe(false);
    await src.stop();
  });
});
