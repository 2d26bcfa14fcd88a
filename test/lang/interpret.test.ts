// Interpret: resources with params and meta params, edges, duplicates,
// validation and send/recv wiring, as the resource graph shows them.

import { describe, expect, it } from 'vitest';
import { errorOf, graphOf, lines } from '../helpers/compile.js';

const interpErr = async (src: string) => {
  const e = await errorOf(src);
  expect(e.stage, e.toString()).toBe('errInterpret');
  return e.text();
};

describe('resources and params', () => {
  it('sets params, skips false conditional params, and keeps meta params', async () => {
    const prog = 'test "a" {\n\tanotherstr => "v",\n\tcomment => false ?: "hidden",\n\tint8 => 3,\n\tMeta:noop => true,\n\tMeta:retry => 2,\n}\n';
    const r = await graphOf(prog);
    expect(r.err).toBeUndefined();
    const v = r.g!.vertices[0];
    expect(v.params.get('anotherstr')).toBe('v');
    expect(v.params.get('int8')).toBe(3n);
    expect(v.params.has('comment')).toBe(false);
    expect(v.meta.noop).toBe(true);
    expect(v.meta.retry).toBe(2);
  });

  it('makes one resource per element of a list name, none for an empty one', async () => {
    expect(await lines('test ["x", "y", "x"] {}\ntest [] {}\n')).toEqual(['Vertex: test[x]', 'Vertex: test[y]']);
  });

  it('rejects out-of-range conversions and bad meta params', async () => {
    expect(await interpErr('test "a" {\n\tuint8 => -1,\n}\n')).toMatch(/can't store negative int `-1` into unsigned `uint8` field/);
    expect(await interpErr('test "a" {\n\tint8 => 300,\n}\n')).toMatch(/overflow/);
    expect(await interpErr('test "a" {\n\tMeta:delay => -5,\n}\n')).toMatch(/delay value -5 is negative/);
  });

  it('validates names and kinds', async () => {
    expect(await interpErr('test "$x" {}\n')).toBe('test[$x] did not Validate: the Res name starts with a $: /main.mcl @ 1:1-1:13');
    expect(await lines('test "$x" {\n\tMeta:dollar => true,\n}\n')).toEqual(['Vertex: test[$x]']);
    expect(await interpErr('test "" {}\n')).toMatch(/resource name is empty/);
    expect(await interpErr('nosuchkind "t" {}\n')).toMatch(/no resource kind `nosuchkind` available/);
    expect(await interpErr('test "v" {\n\tvalidatebool => true,\n}\n')).toMatch(/^test\[v\] did not Validate: the validate param was set to true/);
  });
});

describe('edges', () => {
  it('chains edges and takes the cartesian product of list names', async () => {
    const prog = 'test ["a1", "a2"] {}\ntest "b" {}\ntest "c" {}\nTest[["a1", "a2"]] -> Test["b"] -> Test["c"]\n';
    expect(await lines(prog)).toEqual([
      'Edge: test[a1] -> test[b] # test[a1] -> test[b]',
      'Edge: test[a2] -> test[b] # test[a2] -> test[b]',
      'Edge: test[b] -> test[c] # test[b] -> test[c]',
      'Vertex: test[a1]',
      'Vertex: test[a2]',
      'Vertex: test[b]',
      'Vertex: test[c]',
    ]);
  });

  it('turns Before/Notify/Depend/Listen into edges and ORs notification', async () => {
    const prog = 'test "s" {\n\tBefore => Test["t"],\n\tNotify => Test["t"],\n\tDepend => Test["u"],\n\tListen => false ?: Test["w"],\n}\ntest ["t", "u", "w"] {}\n';
    const r = await graphOf(prog);
    expect(r.err).toBeUndefined();
    const edges = r.g!.edges.map((e) => `${e.from.name}->${e.to.name}${e.notify ? '!' : ''}`).sort();
    expect(edges).toEqual(['s->t!', 'u->s']);
  });

  it('needs both endpoints and no cycles', async () => {
    expect(await interpErr('test "real" {}\nTest["missing1"] -> Test["real"]\n')).toBe('edge cannot find resource kind: test named: `missing1`: /main.mcl @ 2:1-2:33');
    expect(await interpErr('test ["a", "b"] {}\nTest["a"] -> Test["b"]\nTest["b"] -> Test["a"]\n')).toMatch(/resource graph has cycles: not a dag/);
  });
});

describe('duplicates', () => {
  it('merges identical resources from several includes', async () => {
    const prog = 'class k($s) {\n\ttest "same" {\n\t\tanotherstr => $s,\n\t}\n}\ninclude k("v")\ninclude k("v")\n';
    expect(await lines(prog)).toEqual(['Vertex: test[same]']);
  });

  it('rejects different resources with one name, naming the later one', async () => {
    const prog = 'test "d" {\n\tanotherstr => "1",\n}\ntest "d" {\n\tanotherstr => "2",\n}\n';
    expect(await interpErr(prog)).toBe('inequivalent duplicate resource `test[d]` found: the AnotherStr differs: /main.mcl @ 4:1-6:2');
  });

  it('keeps hidden duplicates apart', async () => {
    const prog = 'test "h" {\n\tMeta:hidden => true,\n\tanotherstr => "1",\n}\ntest "h" {\n\tanotherstr => "2",\n}\n';
    expect(await lines(prog)).toEqual(['Vertex: test[h]', 'Vertex: test[h]']);
  });
});

describe('send/recv', () => {
  it('rejects two senders into one receiver key and sending from a hidden resource', async () => {
    const two = 'test ["a", "b", "c"] {}\nTest["a"].hello -> Test["c"].anotherstr\nTest["b"].hello -> Test["c"].anotherstr\n';
    expect(await interpErr(two)).toMatch(/^resource: `test\[c\]` has duplicate receive on: `anotherstr` param/);
    const hidden = 'test "a" {\n\tMeta:hidden => true,\n}\ntest "b" {}\nTest["a"].hello -> Test["b"].anotherstr\n';
    expect(await interpErr(hidden)).toMatch(/^cannot send from hidden resource: test\[a\]/);
  });

  it('records the wiring on the receiver', async () => {
    const r = await graphOf('test ["a", "b"] {}\nTest["a"].hello -> Test["b"].anotherstr\n');
    const b = r.g!.vertices.find((v) => v.name === 'b')!;
    expect(b.recv?.get('anotherstr')?.from.name).toBe('a');
    expect(b.recv?.get('anotherstr')?.key).toBe('hello');
  });
});
