// upstream's example programs (all valid) must only use kinds and params we
// declare, with compatible types; resources written with plain literals must
// pass their kind's Validate.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getKind } from '../../src/resources/index.js';
import { DEFAULT_META, type ResourceSpec } from '../../src/resources/kind.js';
import type { Value } from '../../src/lang/types/value.js';

const CASES = join(__dirname, '../../../shared/conformance/cases');
const KEYWORDS = new Set(['if', 'else', 'for', 'forkv', 'func', 'class', 'include', 'import', 'collect']);

interface Found {
  file: string;
  line: number;
  kind: string;
  name: string;
  /** param → raw value text (first line only). */
  params: Map<string, { raw: string; multiline: boolean }>;
  meta: string[];
}

/** Split a txtar into its `.mcl` files. */
function mclFiles(txtar: string): [string, string][] {
  const parts = txtar.split(/^-- (.+?) --$/m);
  const out: [string, string][] = [];
  for (let i = 1; i < parts.length; i += 2) if (parts[i].endsWith('.mcl')) out.push([parts[i], parts[i + 1]]);
  return out;
}

/** Brace depth change of a line, ignoring strings and comments. */
function braceDelta(line: string): number {
  let d = 0;
  let inStr = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === '#') break;
    else if (c === '{') d++;
    else if (c === '}') d--;
  }
  return d;
}

function scan(file: string, src: string): Found[] {
  const found: Found[] = [];
  const lines = src.split('\n');
  let cur: Found | undefined;
  let depth = 0;
  lines.forEach((line, i) => {
    if (!cur) {
      const m = /^\s*([a-z][a-z0-9_]*(?::[a-z0-9_]+)*)\s+(.+?)\s*\{\s*(#.*)?$/.exec(line);
      if (m && !KEYWORDS.has(m[1])) {
        cur = { file, line: i + 1, kind: m[1], name: m[2], params: new Map(), meta: [] };
        depth = braceDelta(line);
        if (depth <= 0) {
          found.push(cur);
          cur = undefined;
        }
      }
      return;
    }
    if (depth === 1) {
      const p = /^\s*([a-z][a-z0-9_]*)\s*=>\s*(.*?)\s*(#.*)?$/.exec(line);
      if (p) cur.params.set(p[1], { raw: p[2], multiline: braceDelta(line) !== 0 || /[[(]$/.test(p[2]) });
      const mm = /^\s*Meta:([a-z]+)\s*=>\s*(.*?),?\s*(#.*)?$/.exec(line);
      if (mm) cur.meta.push(`${mm[1]}=${mm[2]}`);
    }
    depth += braceDelta(line);
    if (depth <= 0) {
      found.push(cur);
      cur = undefined;
    }
  });
  return found;
}

/** The mcl type family a literal value obviously has, or undefined when it is an expression. */
function literalFamily(raw: string): 'str' | 'int' | 'bool' | 'list' | 'map' | 'struct' | undefined {
  const v = raw.replace(/,$/, '').trim();
  if (v.includes('?:')) return undefined;
  if (/^"(?:[^"\\]|\\.)*"$/.test(v)) return 'str';
  if (/^-?\d+$/.test(v)) return 'int';
  if (v === 'true' || v === 'false') return 'bool';
  if (v.startsWith('struct{')) return 'struct';
  if (v.startsWith('[')) return 'list';
  if (v.startsWith('{')) return 'map';
  return undefined;
}

function compatible(family: string, type: string): boolean {
  if (type === 'variant') return true;
  switch (family) {
    case 'list':
      return type.startsWith('[]');
    case 'map':
      return type.startsWith('map{');
    case 'struct':
      return type.startsWith('struct{');
    default:
      return type === family;
  }
}

/** A literal we can turn into a Value without the compiler, or undefined. */
function literalValue(raw: string): Value | undefined {
  const v = raw.replace(/,$/, '').trim();
  if (v.includes('${')) return undefined;
  const fam = literalFamily(v);
  try {
    if (fam === 'str') return JSON.parse(v) as string;
    if (fam === 'int') return BigInt(v);
    if (fam === 'bool') return v === 'true';
    if (fam === 'list') {
      const arr: unknown = JSON.parse(v);
      if (Array.isArray(arr) && arr.every((x) => typeof x === 'string')) return arr as string[];
    }
  } catch {
    return undefined;
  }
  return undefined;
}

// The examples, plus the func2/func3 cases that expect a graph rather than an error.
const all: Found[] = [];
for (const dir of ['examples', 'func2', 'func3']) {
  for (const f of readdirSync(join(CASES, dir)).filter((n) => n.endsWith('.txtar'))) {
    const text = readFileSync(join(CASES, dir, f), 'utf8');
    if (/^-- OUTPUT --\n# err:/m.test(text)) continue;
    for (const [name, src] of mclFiles(text)) all.push(...scan(`${dir}/${f}:${name}`, src));
  }
}

describe("upstream's valid programs", () => {
  it('were found (the scanner works)', () => {
    expect(all.length).toBeGreaterThan(200);
    expect(all.some((r) => r.kind === 'http:server:ui:input' && r.params.has('store'))).toBe(true);
  });

  it('use only kinds we declare', () => {
    const missing = all.filter((r) => !getKind(r.kind)).map((r) => `${r.file}:${r.line} ${r.kind}`);
    expect(missing).toEqual([]);
  });

  it('set only params we declare, with compatible literal types', () => {
    const bad: string[] = [];
    for (const r of all) {
      const def = getKind(r.kind);
      if (!def) continue;
      for (const [p, { raw }] of r.params) {
        const pd = def.params.find((x) => x.name === p);
        if (!pd) {
          bad.push(`${r.file}:${r.line} ${r.kind}.${p} does not exist`);
          continue;
        }
        const fam = literalFamily(raw);
        if (fam && !compatible(fam, pd.type)) bad.push(`${r.file}:${r.line} ${r.kind}.${p}: ${fam} literal into ${pd.type}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('pass Validate when written with plain literals', () => {
    const failed: string[] = [];
    let checked = 0;
    for (const r of all) {
      const def = getKind(r.kind);
      const name = literalValue(r.name);
      if (!def?.validate || typeof name !== 'string' || r.meta.includes('hidden=true')) continue;
      const params = new Map<string, Value>();
      let literal = true;
      for (const [p, { raw, multiline }] of r.params) {
        const v = multiline ? undefined : literalValue(raw);
        if (v === undefined) literal = false;
        else params.set(p, v);
      }
      if (!literal) continue;
      checked++;
      const spec: ResourceSpec = { kind: r.kind, name, params, meta: { ...DEFAULT_META } };
      const reason = def.validate(spec);
      if (reason) failed.push(`${r.file}:${r.line} ${r.kind}[${name}]: ${reason}`);
    }
    expect(checked).toBeGreaterThan(50);
    expect(failed).toEqual([]);
  });
});
