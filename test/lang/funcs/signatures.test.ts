// Every function of the part-A modules is well formed: its signatures parse
// as func types, it has one implementation kind and one line of doc.

import { describe, expect, it } from 'vitest';
import { module as core } from '../../../src/lang/funcs/core/index.js';
import { module as fmtModule } from '../../../src/lang/funcs/fmt/index.js';
import { module as iter } from '../../../src/lang/funcs/iter/index.js';
import { module as strings } from '../../../src/lang/funcs/strings/index.js';
import { module as convert } from '../../../src/lang/funcs/convert/index.js';
import { module as math } from '../../../src/lang/funcs/math/index.js';
import { module as list } from '../../../src/lang/funcs/list/index.js';
import { module as map } from '../../../src/lang/funcs/map/index.js';
import { module as encoding } from '../../../src/lang/funcs/encoding/index.js';
import { module as regexp } from '../../../src/lang/funcs/regexp/index.js';
import { module as datetime } from '../../../src/lang/funcs/datetime/index.js';
import { parseType } from '../../../src/lang/types/type.js';

const modules = [core, fmtModule, iter, strings, convert, math, list, map, encoding, regexp, datetime];

describe('library part A definitions', () => {
  for (const mod of modules) {
    it(`module '${mod.path}' is well formed`, () => {
      const names = mod.funcs.map((f) => f.name);
      expect(new Set(names).size).toBe(names.length);
      for (const f of mod.funcs) {
        expect(f.sig !== undefined || f.infer !== undefined, f.name).toBe(true);
        for (const s of [f.sig ?? []].flat()) expect(parseType(s).k, `${f.name}: ${s}`).toBe('func');
        expect(Boolean(f.fn) !== Boolean(f.stream), f.name).toBe(true);
        expect(f.doc.trim().length > 0 && !f.doc.includes('\n'), f.name).toBe(true);
      }
    });
  }
});
