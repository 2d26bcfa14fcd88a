// Conformance of the parser against upstream's test programs: every program
// that upstream parses must parse, and every errLexParse case must fail (on
// the right line for the mutants). Other stages' errors are not ours: their
// programs must parse.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/lang/parser.js';

const CASES = join(import.meta.dirname, '../../../shared/conformance/cases');
const SUITES = ['func2', 'errors1', 'examples', 'mutants', 'func3'];

/** A txtar archive: sections start with `-- NAME --` lines. */
function readTxtar(text: string): Map<string, string> {
  const files = new Map<string, string>();
  let name: string | undefined;
  let buf: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^-- (.+) --$/.exec(line);
    if (m) {
      if (name !== undefined) files.set(name, buf.join('\n'));
      name = m[1].trim();
      buf = [];
    } else if (name !== undefined) buf.push(line);
  }
  if (name !== undefined) files.set(name, buf.join('\n'));
  return files;
}

/** Cases whose expectation we knowingly miss, with the reason. */
const KNOWN: Record<string, string> = {};

function check(suite: string, file: string): string | undefined {
  const files = readTxtar(readFileSync(join(CASES, suite, file), 'utf8'));
  const out = (files.get('OUTPUT') ?? '').split('\n')[0];
  const mcl = [...files.entries()].filter(([n]) => n.endsWith('.mcl'));
  const res = new Map(mcl.map(([n, t]) => [n, parse(t, '/' + n)]));
  const main = res.get('main.mcl');
  const firstErr = (n: string) => res.get(n)?.errors[0]?.toString();
  if (out.startsWith('# err: errLexParse')) {
    if (!main || main.errors.length === 0) return 'main.mcl parsed but should fail';
    return undefined;
  }
  const ce = /^# check-err: errLexParse line (\d+)/.exec(out);
  if (ce) {
    const want = Number(ce[1]);
    const err = main?.errors[0];
    if (!err) return 'main.mcl parsed but should fail';
    if (err.span!.line !== want && err.span!.line !== want + 1) return `error on line ${err.span!.line}, want ${want}: ${err}`;
    return undefined;
  }
  if (/could not generate AST/.test(files.get('OUTPUT') ?? '')) {
    return [...res.values()].some((r) => r.errors.length) ? undefined : 'no .mcl file failed to parse';
  }
  for (const [n] of mcl) if (firstErr(n)) return `${n}: ${firstErr(n)}`;
  return undefined;
}

describe('parsing upstream conformance cases', () => {
  it('accepts the valid programs and rejects the invalid ones', () => {
    const mismatches: string[] = [];
    let count = 0;
    for (const suite of SUITES) {
      for (const f of readdirSync(join(CASES, suite)).filter((x) => x.endsWith('.txtar')).sort()) {
        count++;
        const why = check(suite, f);
        const key = `${suite}/${f}`;
        if (why && !(key in KNOWN)) mismatches.push(`${key}: ${why}`);
        if (!why && key in KNOWN) mismatches.push(`${key}: listed as a known failure but passes`);
      }
    }
    if (mismatches.length) console.log(`${mismatches.length} mismatches of ${count} cases:\n` + mismatches.join('\n'));
    expect(count).toBeGreaterThan(400);
    expect(mismatches).toEqual([]);
  });
});
