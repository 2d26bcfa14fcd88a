// The TextMate grammar, run through the same engine VS Code uses
// (vscode-textmate + oniguruma): keywords, strings with interpolation and
// escapes, comments and numbers get their scopes in the example programs and
// in upstream's conformance programs.

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { listTxtar, readTxtar } from '../helpers/txtar.js';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);

interface Tok {
  text: string;
  scopes: string[];
}

let grammar: vsctm.IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      if (scope !== 'source.mcl') return null;
      const path = join(root, 'grammar', 'mcl.tmLanguage.json');
      return vsctm.parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
  });
  grammar = (await registry.loadGrammar('source.mcl'))!;
});

function tokenize(text: string): Tok[][] {
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the first token whose text is `text` (trimmed). */
function scopesOf(lines: Tok[][], text: string): string[] | undefined {
  for (const l of lines) for (const t of l) if (t.text.trim() === text) return t.scopes;
  return undefined;
}

const has = (scopes: string[] | undefined, prefix: string) => !!scopes?.some((s) => s.startsWith(prefix));

describe('mcl.tmLanguage.json', () => {
  it('scopes a program with every kind of token', () => {
    const lines = tokenize(
      [
        '# a comment',
        'import "fmt"',
        '$n = 42',
        '$f = 3.5',
        '$s = "a\\tb ${count} c"',
        'if $n > 1 and true {',
        '\tfile "/tmp/x" {',
        '\t\tcontent => fmt.printf("%d", $n),',
        '\t\tMeta:retry => 3,',
        '\t\tBefore => Test["t"],',
        '\t}',
        '}',
      ].join('\n'),
    );
    expect(scopesOf(lines, '# a comment')).toContain('comment.line.number-sign.mcl');
    expect(scopesOf(lines, 'import')).toContain('keyword.other.mcl');
    expect(scopesOf(lines, 'if')).toContain('keyword.control.mcl');
    expect(scopesOf(lines, 'and')).toContain('keyword.operator.word.mcl');
    expect(scopesOf(lines, '42')).toContain('constant.numeric.integer.mcl');
    expect(scopesOf(lines, '3.5')).toContain('constant.numeric.float.mcl');
    expect(scopesOf(lines, '\\t')).toContain('constant.character.escape.mcl');
    expect(scopesOf(lines, '${')).toContain('punctuation.section.interpolation.begin.mcl');
    expect(scopesOf(lines, 'count')).toEqual(expect.arrayContaining(['string.quoted.double.mcl', 'meta.interpolation.mcl']));
    expect(scopesOf(lines, 'file')).toContain('entity.name.type.resource.mcl');
    expect(scopesOf(lines, 'fmt.printf')).toContain('entity.name.function.mcl');
    expect(scopesOf(lines, '$')).toEqual(expect.arrayContaining(['variable.other.mcl', 'punctuation.definition.variable.mcl']));
    expect(scopesOf(lines, 'Meta')).toContain('support.type.meta.mcl');
    expect(scopesOf(lines, 'Before')).toContain('keyword.other.edge.mcl');
    expect(scopesOf(lines, 'Test')).toContain('entity.name.type.resource.mcl');
    expect(scopesOf(lines, 'true')).toContain('constant.language.boolean.mcl');
    expect(scopesOf(lines, 'content')).toContain('variable.parameter.field.mcl');
  });

  it('a `#` inside a string is not a comment, and a string does not leak past its line', () => {
    const lines = tokenize('$s = "x # y"\n$n = 1');
    expect(has(scopesOf(lines, 'x # y'), 'comment')).toBe(false);
    expect(scopesOf(lines, '1')).toContain('constant.numeric.integer.mcl');
  });

  const examples = readdirSync(join(root, 'examples', 'lang')).filter((f) => f.endsWith('.mcl'));
  const conformance = listTxtar(join(root, '..', 'shared', 'conformance', 'cases', 'examples'))
    .map((p) => ({ name: p.split('/').pop()!, files: readTxtar(p).files }))
    .filter((c) => c.files.has('main.mcl'))
    .slice(0, 40);
  const programs: [string, string][] = [
    ...examples.map((f): [string, string] => [`examples/lang/${f}`, readFileSync(join(root, 'examples', 'lang', f), 'utf8')]),
    ...conformance.map((c): [string, string] => [`conformance ${c.name}`, c.files.get('main.mcl')!]),
  ];

  it.each(programs)('%s: keywords, strings, comments and numbers get their scopes', (_name, text) => {
    const lines = tokenize(text);
    const src = text.split('\n');
    lines.forEach((toks, i) => {
      for (const t of toks) {
        if (t.text.trim() === '') continue;
        const inString = has(t.scopes, 'string');
        const inComment = has(t.scopes, 'comment');
        // Every `#` outside a string starts a comment.
        if (!inString && !inComment) expect(t.text.includes('#'), `line ${i + 1}: ${src[i]}`).toBe(false);
        if (inString || inComment) continue;
        if (/^(if|else|for|forkv|func|class|include|import)$/.test(t.text.trim())) expect(has(t.scopes, 'keyword'), `${t.text} on line ${i + 1}`).toBe(true);
        if (/^-?[0-9]+(\.[0-9]+)?$/.test(t.text.trim())) expect(has(t.scopes, 'constant.numeric'), `${t.text} on line ${i + 1}`).toBe(true);
        if (/^"/.test(t.text)) expect.fail(`a quote outside a string on line ${i + 1}: ${src[i]}`);
      }
      // Each `${name}` in a string line is scoped as interpolation.
      for (const m of src[i].replace(/^\s*#.*$/, '').matchAll(/"[^"]*\$\{([a-z][a-z0-9_.]*)\}/g)) {
        const tok = toks.find((t) => t.text === m[1] && has(t.scopes, 'meta.interpolation'));
        expect(tok, `interpolation of ${m[1]} on line ${i + 1}`).toBeDefined();
      }
    });
    // The program's comments are comments.
    for (const [i, line] of src.entries()) {
      if (/^\s*#/.test(line)) expect(has(lines[i][lines[i].findIndex((t) => t.text.trim() !== '')]?.scopes, 'comment'), `line ${i + 1}`).toBe(true);
    }
  });
});
