// The func3 field dump: upstream's TestAstFunc3 cases compiled in-process,
// run by the engine until converged, and printed with their Field lines.

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fieldsDump, fieldsOf } from '../../src/engine/fields.js';
import type { Resource } from '../../src/engine/resource.js';
import { getKind } from '../../src/resources/index.js';
import type { KindDef, ResourceSpec } from '../../src/resources/kind.js';
import { graphOf } from '../helpers/compile.js';
import { parseTxtar } from '../helpers/txtar.js';
import { vtx } from './helpers.js';

const CASES = join(new URL('../../..', import.meta.url).pathname, 'shared', 'conformance', 'cases', 'func3');

/**
 * Until the `test` and `value` kinds can run (their `create`), stand-ins that
 * do what upstream's do for send/recv: value sends `any`, test sends `hello`
 * (its sendvalue) and `answer` (42). Once the real ones exist they are used.
 */
function standIn(spec: ResourceSpec, send: (s: ResourceSpec) => Record<string, never | string | bigint>): Resource {
  return {
    spec,
    async init() {},
    async watch(rt) {
      rt.running();
      await new Promise<void>((r) => rt.signal.addEventListener('abort', () => r()));
    },
    async checkApply(rt) {
      rt.send(send(spec));
      return true;
    },
    async cleanup() {},
  };
}
const kinds = (k: string): KindDef | undefined => {
  const real = getKind(k);
  if (!real || real.create) return real;
  if (k === 'value') return { ...real, create: (s) => standIn(s, (x) => (x.params.has('any') ? { any: x.params.get('any') as string } : {})) };
  if (k === 'test') return { ...real, create: (s) => standIn(s, (x) => ({ hello: (x.params.get('sendvalue') as string) ?? '', answer: 42n })) };
  return real;
};

describe('func3 cases', () => {
  for (const name of readdirSync(CASES).filter((f) => f.endsWith('.txtar'))) {
    const ar = parseTxtar(readFileSync(join(CASES, name), 'utf8'));
    const want = (ar.files.get('OUTPUT') ?? '').split('\n').filter((l) => l !== '');
    if (want[0]?.startsWith('# err')) continue;
    it(name, async () => {
      const files = Object.fromEntries([...ar.files].filter(([f]) => f !== 'OUTPUT'));
      const r = await graphOf(files);
      expect(r.err).toBeUndefined();
      const out = await fieldsDump(r.g!, { kinds, maxMs: 5000 });
      expect(out.split('\n').filter((l) => l !== '')).toEqual([...want].sort());
    });
  }
});

describe('fieldsOf', () => {
  it('prints a set pointer param even when zero, and skips a zero plain param', () => {
    const v = vtx('test', 't', { stringptr: '', anotherstr: '', boolptr: false, int8: 0, slicestring: [] });
    expect(fieldsOf(v)).toEqual(['test[t].BoolPtr = false', 'test[t].StringPtr = ""', 'test[t].SliceString = []']);
  });
});
