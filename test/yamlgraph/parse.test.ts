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

  it('warns about an unknown param by name and place, and keeps the resource', () => {
    const { graph, warnings } = parse('resources:\n  print:\n  - name: p\n    msg: hi\n    colour: red\n    mesg: x\n');
    expect(warnings).toEqual(['g.yaml:5:5: print[p]: unknown param `colour` (ignored)', 'g.yaml:6:5: print[p]: unknown param `mesg` (ignored) (did you mean `msg`?)']);
    expect(graph.find('print', 'p')!.params.get('msg')).toBe('hi');
  });

  it('fails clearly on what cannot make a graph', () => {
    expect(errOf('resources:\n  nosuch:\n  - name: x\n').message).toBe('unknown resource kind `nosuch`');
    expect(errOf('resources:\n  print:\n  - name: p\n    refresh_only: maybe\n').message).toBe('print[p]: param refresh_only: expected true or false, got string "maybe"');
    expect(errOf('resources:\n  print:\n  - name: p\nedges:\n- from: {kind: print, name: p}\n  to: {kind: print, name: q}\n').message).toBe('edges[0]: no resource print[q]');
    const cyc = errOf(
      'resources:\n  print:\n  - name: a\n  - name: b\nedges:\n- {from: {kind: print, name: a}, to: {kind: print, name: b}}\n- {from: {kind: print, name: b}, to: {kind: print, name: a}}\n',
    );
    expect(cyc.stage).toBe('errGraph');
    expect(cyc.message).toMatch(/not a dag/);
    expect(errOf('resources: [').stage).toBe('errLexParse');
    expect(errOf('resources:\n  print:\n  - name: p\n    meta: {limit: 1.5}\n').message).toMatch(/permanently limited/);
    const v = errOf('resources:\n  file:\n  - name: relative\n');
    expect(v.stage).toBe('errValidate');
    expect(v.message).toBe('file[relative] did not Validate: resultant path must be absolute');
  });
});

/** `LINE:COL-ENDLINE:ENDCOL` of the error a text makes, and its stage. */
const placeOf = (text: string) => {
  const e = errOf(text);
  expect(e.span?.file).toBe('g.yaml');
  const s = e.span!;
  return `${e.stage} ${s.line}:${s.col}-${s.endLine}:${s.endCol}`;
};

describe('YAML graph errors are placed on the offending key or value', () => {
  it('an unknown kind: its key', () => {
    expect(placeOf('graph: g\nresources:\n  fiel:\n  - name: /tmp/x\n')).toBe('errGraph 3:3-3:7');
    const e = errOf('resources:\n  fiel:\n  - name: /tmp/x\n');
    expect([e.message, e.help]).toEqual(['unknown resource kind `fiel`', 'did you mean `file`?']);
  });

  it('a param of the wrong type: its value, or the element of a list', () => {
    expect(placeOf('resources:\n  file:\n  - name: /tmp/x\n    mode: [1]\n')).toBe('errGraph 4:11-4:14');
    expect(placeOf('resources:\n  exec:\n  - name: e\n    cmd: true\n    args: [a, [b]]\n')).toBe('errGraph 5:15-5:18');
    expect(placeOf('resources:\n  print:\n  - name: p\n    meta:\n      retry: lots\n')).toBe('errGraph 5:14-5:18');
  });

  it('a resource without a name: the resource; an empty or non-string name: the name', () => {
    expect(placeOf('resources:\n  print:\n  - name: a\n  - msg: hello\n')).toBe('errGraph 4:5-4:15');
    expect(placeOf('resources:\n  print:\n  - name: 7\n')).toBe('errGraph 3:11-3:12');
    expect(errOf('resources:\n  print:\n  - name: 7\n').message).toBe('resources.print[0] needs a `name`, got number 7');
  });

  it('an edge to a resource that does not exist: the name, or the kind when there is no such kind', () => {
    const edge = (to: string) => `resources:\n  print:\n  - name: a\nedges:\n- from: {kind: print, name: a}\n  to: ${to}\n`;
    expect(placeOf(edge('{kind: print, name: b}'))).toBe('errGraph 6:27-6:28');
    expect(placeOf(edge('{kind: prnt, name: a}'))).toBe('errGraph 6:14-6:18');
    expect(placeOf(edge('nothing'))).toBe('errGraph 6:7-6:14');
  });

  it('a YAML syntax error: where the parser stopped, or the last line when something was left open', () => {
    expect(placeOf('resources:\n  print:\n  - name: a\n   bad: indent\n')).toMatch(/^errLexParse 4:/);
    expect(placeOf('resources:\n  print:\n  - name: a\n    msg: [1\n\n')).toBe('errLexParse 4:11-4:12');
    expect(errOf('a: "open\n').message).toMatch(/^YAML syntax error: /);
    expect(errOf('a: "open\n').message).not.toMatch(/line \d+/);
  });

  it('a value validation rejects: the param it is about, with what is allowed', () => {
    expect(placeOf('resources:\n  file:\n  - name: /tmp/x\n    state: present\n')).toBe('errValidate 4:5-4:19');
    expect(errOf('resources:\n  file:\n  - name: /tmp/x\n    state: present\n').message).toBe('file[/tmp/x] did not Validate: state "present" is not one of exists, absent');
    expect(placeOf('resources:\n  file:\n  - name: relative\n')).toBe('errValidate 3:11-3:19');
  });

  it('a cycle: the edge that closes it', () => {
    const text = 'resources:\n  print:\n  - name: a\n  - name: b\nedges:\n- {from: {kind: print, name: a}, to: {kind: print, name: b}}\n- {from: {kind: print, name: b}, to: {kind: print, name: a}}\n';
    expect(placeOf(text)).toBe('errGraph 7:3-7:61');
  });

  it('a duplicate resource: the second name', () => {
    expect(placeOf('resources:\n  print:\n  - name: a\n  - name: a\n')).toBe('errGraph 4:11-4:12');
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
