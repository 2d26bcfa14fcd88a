// The lines a swap logs, from a real plan (planSwap) of real vertices.

import { describe, expect, it } from 'vitest';
import type { Vertex } from '../../src/engine/graph.js';
import { vertexId } from '../../src/engine/graph.js';
import { planSwap } from '../../src/engine/swap.js';
import { describeSwap } from '../../src/engine/swap-log.js';
import { vtx } from './helpers.js';

const running = (vs: Vertex[]) => new Map(vs.map((v) => [vertexId(v), { vertex: v }]));

describe('swap log', () => {
  it('names every changed param by its mcl name, meta params too', () => {
    const old = [vtx('file', '/a', { content: 'x', mode: '0644' }), vtx('print', 'p', { msg: 'hi' }), vtx('print', 'gone', {})];
    const next = [vtx('file', '/a', { content: 'y', mode: '0600' }, { retry: 3 }), vtx('print', 'p', { msg: 'hi' }), vtx('exec', 'new', { cmd: 'true' })];
    expect(describeSwap(planSwap(running(old), next))).toEqual([
      '1 added, 1 changed, 1 removed, 1 kept',
      'added exec[new]',
      'changed file[/a] (content, mode, Meta:retry)',
      'removed print[gone]',
    ]);
  });

  it('keeps a big graph to a few lines, and counts grouped members as resources', () => {
    const many = Array.from({ length: 1000 }, (_, i) => vtx('file', `/f${String(i).padStart(4, '0')}`, { content: 'x' }));
    const lines = describeSwap(planSwap(running([]), many));
    expect(lines).toEqual(['1000 added, 0 changed, 0 removed, 0 kept', 'added file[/f0000], file[/f0001], file[/f0002], file[/f0003], file[/f0004], file[/f0005] … and 994 more']);
    const parent = vtx('print', 'a', { msg: '1' });
    parent.group = [vtx('print', 'b', { msg: '2' }), vtx('print', 'c', { msg: '3' })];
    const changed = vtx('print', 'a', { msg: '1' });
    changed.group = [vtx('print', 'b', { msg: 'two' }), vtx('print', 'd', { msg: '4' })];
    expect(describeSwap(planSwap(running([]), [parent]))[0]).toBe('3 added, 0 changed, 0 removed, 0 kept');
    expect(describeSwap(planSwap(running([parent]), [changed]))).toEqual(['0 added, 1 changed, 0 removed, 0 kept', 'changed print[a] (print[b] msg, group (print[c] left), group (print[d] joined))']);
  });
});
