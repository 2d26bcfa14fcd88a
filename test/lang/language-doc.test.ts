// The examples in docs/language.md are real programs: each compiles, and the
// ones whose output the guide states produce it.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkProgram, lines } from '../helpers/compile.js';

const guide = readFileSync(new URL('../../docs/language.md', import.meta.url), 'utf8');
const blocks = [...guide.matchAll(/```mcl\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('docs/language.md examples', () => {
  it('has examples', () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  // Blocks importing local files need those files: they are not standalone.
  for (const [i, src] of blocks.entries()) {
    if (/import "[^"]*(\.mcl|\/)"/.test(src)) continue;
    it(`example ${i + 1} compiles: ${src.split('\n')[0]}`, () => {
      const r = checkProgram(src);
      expect(r.err).toBeUndefined();
    });
  }

  it('the polymorphic function example prints what the guide says', async () => {
    const src = blocks.find((b) => b.includes('func twice'))!;
    expect(await lines(src)).toEqual(['Vertex: test[42]', 'Vertex: test[abab]']);
  });
});
