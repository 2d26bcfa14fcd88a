import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderFunctionDocs } from '../../scripts/gen-function-docs.js';
import { builtins } from '../../src/lang/funcs/index.js';

describe('docs/functions.md', () => {
  it('matches the generator (run `npx tsx scripts/gen-function-docs.ts` after changing a function)', () => {
    expect(readFileSync(new URL('../../docs/functions.md', import.meta.url), 'utf8')).toBe(renderFunctionDocs());
  });

  it('lists every user-visible function with a doc line', () => {
    const doc = renderFunctionDocs();
    for (const m of builtins().allModules()) {
      for (const f of m.funcs) {
        if (f.name.startsWith('_')) continue;
        expect(f.doc.trim(), `${m.path}.${f.name} has no doc`).not.toBe('');
        expect(doc.includes(`| \`${f.name}\` |`), `${m.path}.${f.name}`).toBe(true);
      }
    }
  });
});
