import { describe, expect, it } from 'vitest';
import { autoGroup } from '../../src/engine/autogroup.js';
import { graphText } from '../../src/engine/format.js';
import { vertexId } from '../../src/engine/graph.js';
import { graphOf, vtx } from './helpers.js';

describe('autogroup', () => {
  it('groups same-kind vertices into the one that sorts first, moving edges with their labels', () => {
    const p2 = vtx('print', 'print2', { msg: 'i am value2' });
    const p3 = vtx('print', 'print3');
    const val = vtx('value', 'value2');
    const g = graphOf([val, p2, p3], [[val, p2]]);
    expect(autoGroup(g)).toBe(1);
    expect(g.vertices.map(vertexId)).toEqual(['value[value2]', 'print[print3]']);
    expect(p3.group?.map(vertexId)).toEqual(['print[print2]']);
    expect(graphText(g)).toBe('Edge: value[value2] -> print[print3] # value[value2] -> print[print2]\nVertex: print[print3]\nVertex: value[value2]\n');
  });

  it('never groups vertices joined by a path', () => {
    const a = vtx('print', 'a');
    const b = vtx('print', 'b');
    const c = vtx('print', 'c');
    const g = graphOf([a, b, c], [[a, b]]);
    autoGroup(g);
    // c joins b (sorts first); a stays apart since a → b.
    expect(g.vertices.map(vertexId).sort()).toEqual(['print[a]', 'print[c]']);
    expect(c.group?.map(vertexId)).toEqual(['print[b]']);
    expect(g.edges.map((e) => `${vertexId(e.from)} -> ${vertexId(e.to)} # ${e.label}`)).toEqual(['print[a] -> print[c] # print[a] -> print[b]']);
  });

  it('needs Meta:autogroup on both and the kind to consent', () => {
    const g = graphOf([vtx('print', 'a', {}, { autogroup: false }), vtx('print', 'b'), vtx('value', 'v1'), vtx('value', 'v2')]);
    expect(autoGroup(g)).toBe(0);
    const r = graphOf([vtx('print', 'a', { refresh_only: true }), vtx('print', 'b')]);
    expect(autoGroup(r)).toBe(0);
  });

  it('test resources group only into a parent with alwaysgroup', () => {
    const g = graphOf([vtx('test', 'a'), vtx('test', 'b')]);
    expect(autoGroup(g)).toBe(0);
    const h = graphOf([vtx('test', 'a', { alwaysgroup: true }), vtx('test', 'b')]);
    expect(autoGroup(h)).toBe(1);
    expect(h.vertices.map(vertexId)).toEqual(['test[a]']);
  });
});
