// The Puppet corpus (../shared/puppet): our catalog must equal real Puppet's
// expectation for every manifest (checked by the corpus's own compare.mjs),
// and the translated mcl must compile to the same graph as the catalog
// mapped to our kinds directly.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAutoEdges } from '../../src/engine/autoedge.js';
import type { ResourceGraph } from '../../src/engine/graph.js';
import { firstGraph } from '../../src/lang/index.js';
import { valueKey } from '../../src/lang/types/value.js';
import { PuppetError } from '../../src/puppet/errors.js';
import { catalogOfFile, compileManifest, failureLines } from '../../src/puppet/index.js';
import { graphOfCatalog } from '../../src/puppet/translate.js';
import { describeNeeding } from '../helpers/components.js';

const shared = new URL('../../../shared/puppet/', import.meta.url).pathname;
const corpus = join(shared, 'corpus');
const factsFile = join(shared, 'facts.json');
const have = existsSync(corpus);
const manifests = have ? readdirSync(corpus).filter((f) => f.endsWith('.pp')).sort() : [];
const outcome = (name: string) => /^outcome (\w+)/m.exec(readFileSync(join(corpus, name.replace(/\.pp$/, '.expect')), 'utf8'))![1];

function expectFor(path: string): string {
  try {
    return ['outcome supported', ...catalogOfFile(path, { factsFile }).expectLines()].join('\n') + '\n';
  } catch (e) {
    if (!(e instanceof PuppetError)) throw e;
    return failureLines(e).join('\n') + '\n';
  }
}

describeNeeding('puppet corpus', have ? undefined : `no puppet corpus at ${corpus}`, () => {
  it('every catalog equals real Puppet 7 (compare.mjs, exact parameters)', () => {
    const out = mkdtempSync(join(tmpdir(), 'mgmt-puppet-'));
    for (const f of manifests) writeFileSync(join(out, f.replace(/\.pp$/, '.expect')), expectFor(join(corpus, f)));
    const r = spawnSync(process.execPath, [join(shared, 'compare.mjs'), '--quiet', '--params', 'exact', '--dir', corpus, out], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain(`${manifests.length}/${manifests.length} passed`);
    expect(r.status).toBe(0);
  });

  it('refuses unsupported and erroneous manifests with a located message', () => {
    const bad = manifests.filter((f) => outcome(f) !== 'supported');
    expect(bad.length).toBeGreaterThan(0);
    for (const f of bad) {
      let err: unknown;
      try {
        catalogOfFile(join(corpus, f), { factsFile });
      } catch (e) {
        err = e;
      }
      expect(err, f).toBeInstanceOf(PuppetError);
      expect((err as PuppetError).outcome, f).toBe(outcome(f));
      expect((err as PuppetError).message, f).toMatch(new RegExp(`${f.replace('.', '\\.')}:\\d+:\\d+: `));
    }
  });

  const supported = manifests.filter((f) => have && outcome(f) === 'supported');
  it.each(supported)('round trip: %s translates to mcl that compiles to the same graph', async (f) => {
    const { compiled, catalog } = compileManifest(join(corpus, f), { factsFile });
    const viaMcl = await firstGraph(compiled);
    const direct = graphOfCatalog(catalog);
    addAutoEdges(direct);
    expect(summary(viaMcl)).toEqual(summary(direct));
    expect(viaMcl.vertices.length).toBe(catalog.resources.length);
  });
});

function summary(g: ResourceGraph): { vertices: string[]; edges: string[] } {
  return {
    vertices: g.vertices.map((v) => `${v.kind}[${v.name}] ${[...v.params].map(([k, x]) => `${k}=${valueKey(x)}`).sort().join(' ')} noop=${v.meta.noop}`).sort(),
    edges: g.edges.map((e) => `${e.from.kind}[${e.from.name}] ${e.notify ? '~>' : '->'} ${e.to.kind}[${e.to.name}]`).sort(),
  };
}
