// The system-resource examples (pkg1, autogroup2, autoedges3) compile, and each
// mcl program gives the same graph as its YAML twin.

import { describe, expect, it } from 'vitest';
import { mgmt, requireDist } from '../helpers/cli.js';

describe('examples: pkg1, autogroup2, autoedges3', () => {
  for (const name of ['pkg1', 'autogroup2', 'autoedges3']) {
    it(`${name}.mcl and ${name}.yaml give the same graph`, () => {
      requireDist();
      const lang = mgmt(['graph', `examples/lang/${name}.mcl`]);
      const yaml = mgmt(['graph', '--yaml', `examples/yaml/${name}.yaml`]);
      expect(lang.err).toBe('');
      expect(lang.code).toBe(0);
      expect(yaml.code).toBe(0);
      expect(lang.out).not.toBe('');
      expect(yaml.out).toBe(lang.out);
    });
  }

  it('autogroup2 declares three pkg vertices (the engine groups them when it runs)', () => {
    const g = mgmt(['graph', 'examples/lang/autogroup2.mcl']);
    expect(g.out.trim().split('\n')).toEqual(['Vertex: pkg[cowsay]', 'Vertex: pkg[fortune-mod]', 'Vertex: pkg[sl]']);
  });
});
