import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDGE_NOTES, GROUP_NOTES, RUN_NOTES, renderResourceDocs } from '../../scripts/gen-resource-docs.js';
import { KINDS } from '../../src/resources/index.js';

describe('docs/resources.md', () => {
  it('matches the generator (run `npx tsx scripts/gen-resource-docs.ts` after changing a kind)', () => {
    expect(readFileSync(join(__dirname, '../../docs/resources.md'), 'utf8')).toBe(renderResourceDocs());
  });

  it('describes every kind that has autoedges or grouping rules, and no others', () => {
    for (const k of KINDS.values()) {
      // pkg's edges come from an asynchronous step (src/resources/pkg/autoedge.ts), not autoEdges.
      expect(k.kind in EDGE_NOTES, `${k.kind} edges`).toBe(k.autoEdges !== undefined || k.kind === 'pkg');
      expect(k.kind in GROUP_NOTES, `${k.kind} grouping`).toBe(k.groupCmp !== undefined);
      expect(k.kind in RUN_NOTES, `${k.kind} running`).toBe(k.create !== undefined);
    }
  });

  it('has a section for every user-visible kind', () => {
    const doc = renderResourceDocs();
    for (const k of KINDS.keys()) expect(doc.includes(`## \`${k}\``), k).toBe(!k.startsWith('_'));
  });
});
