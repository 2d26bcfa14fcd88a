// Plain-words diagnostics: no grammar token name reaches a person, edit
// distance finds slips of the keyboard (a swap of two letters counts once),
// and the diagnostics of `check` name local paths, never `/main.mcl`.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/lang/diagnose.js';
import { distance, humanize, nearest } from '../../src/lang/suggest.js';
import { writeProgram } from '../helpers/compile.js';

describe('humanize', () => {
  it('writes tokens as they are typed', () => {
    expect(humanize('parser: `syntax error: unexpected EQUALS, expecting ROCKET`')).toBe('syntax error: unexpected `=`, expecting `=>`');
    expect(humanize('parser: `syntax error: unexpected $end, expecting NEWLINE or CLOSE_CURLY or IDENTIFIER`')).toBe(
      'syntax error: unexpected end of file, expecting end of line or `}` or a name',
    );
    expect(humanize('parser: `syntax error: unexpected STRING, expecting OPEN_BRACK`')).toBe('syntax error: unexpected string, expecting `[`');
  });

  it('leaves no token name in any syntax error of a set of broken programs', async () => {
    const broken = ['test "a" {\n\tx = 1,\n}\n', '$x = \n', 'if true {\n', 'test "a" {}\nTest["a"] ->\n', '$f = func($a {\n}\n', 'import\n', '$x = [1, 2\n', 'class c( {\n}\n', 'test "a" { anotherstr => "x" }\n', '$x = {"a": }\n'];
    for (const src of broken) {
      const d = await diagnose(join(writeProgram(src), 'main.mcl'));
      expect(d.diagnostics.length, src).toBeGreaterThan(0);
      for (const x of d.diagnostics) expect(x.message, src).not.toMatch(/\b[A-Z]+_[A-Z_]+\b|\b(ROCKET|EQUALS|NEWLINE|IDENTIFIER|STRING|COMMA)\b|\$end/);
    }
  });
});

describe('edit distance', () => {
  it('counts a swap of neighbours once', () => {
    expect(distance('fiel', 'file')).toBe(1);
    expect(distance('contnet', 'content')).toBe(1);
    expect(distance('kitten', 'sitting')).toBe(3);
  });
  it('suggests only what is close', () => {
    expect(nearest('contnet', ['content', 'state', 'mode'])).toBe('content');
    expect(nearest('ensure', ['content', 'state', 'mode'])).toBeUndefined();
  });
});

describe('diagnose', () => {
  it('names local paths, also inside a message and for an imported file', async () => {
    const dir = writeProgram({ 'main.mcl': 'import "lib.mcl"\n', 'lib.mcl': '$ok = 1\n$bad = $nope\n' });
    const d = await diagnose(join(dir, 'main.mcl'));
    expect(d.diagnostics[0].file).toBe(join(dir, 'lib.mcl'));
    expect(d.diagnostics[0].related).toEqual([{ file: join(dir, 'main.mcl'), line: 1, col: 1, endLine: 1, endCol: 17, message: 'imported here' }]);
    for (const x of d.diagnostics) expect(x.message).not.toMatch(/\/(main|lib)\.mcl @/);
  });
});
