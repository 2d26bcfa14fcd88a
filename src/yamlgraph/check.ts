// `mgmt check --yaml FILE`: the YAML graph's errors as diagnostics (placed
// like mcl's), its warnings on stderr. Nothing is run.

import { readFileSync } from 'node:fs';
import { fromError } from '../lang/diagnose.js';
import type { Diagnostic } from '../lang/diagnose.js';
import { asLangError } from '../lang/index.js';
import { parseYamlGraph } from './parse.js';

export function checkYaml(file: string): Diagnostic[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return [{ file, line: 1, col: 1, endLine: 1, endCol: 1, stage: 'errLexParse', severity: 'error', message: `could not read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, text: '', related: [] }];
  }
  try {
    const { warnings } = parseYamlGraph(text, file);
    for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
    return [];
  } catch (e) {
    return [fromError(asLangError(e, 'errGraph'), undefined, () => text, undefined, file)];
  }
}
