// `mgmt check FILE...`: lex, parse, scope and type-check without running
// anything; one `file:line:col: stage: message` line per problem.

import { join } from 'node:path';
import type { Command, ParsedArgs } from './command.js';
import { UsageError } from './command.js';
import { asLangError, compile, loadDeploy } from '../lang/index.js';
import type { Deploy } from '../lang/index.js';

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  stage: string;
  message: string;
}

/** Check one program; returns its diagnostics (empty when it is fine). */
export function checkFile(path: string): Diagnostic[] {
  let deploy: Deploy | undefined;
  try {
    deploy = loadDeploy(path);
    compile(deploy);
    return [];
  } catch (e) {
    const err = asLangError(e, 'errUnify');
    const sp = err.span;
    const file = sp && deploy ? join(deploy.root, sp.file) : path;
    return [
      {
        file,
        line: sp?.line ?? 1,
        col: sp?.col ?? 1,
        endLine: sp?.endLine ?? 1,
        endCol: sp?.endCol ?? 1,
        stage: err.stage,
        message: err.text(),
      },
    ];
  }
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check mcl programs for syntax, scope and type errors without running anything (for editors and CI).',
  usage: 'mgmt check [--format text|json] FILE...',
  flags: [{ name: 'format', value: 'FORMAT', help: 'text (file:line:col: stage: message) or json (an array of diagnostics)', default: 'text' }],
  async run(args: ParsedArgs): Promise<number> {
    if (args.positional.length === 0) throw new UsageError('expected at least one FILE');
    const format = (args.flags.get('format') as string | undefined) ?? 'text';
    if (!['text', 'json'].includes(format)) throw new UsageError(`unknown --format \`${format}\` (text or json)`);
    const all = args.positional.flatMap((p) => checkFile(p));
    if (format === 'json') process.stdout.write(JSON.stringify(all, null, 2) + '\n');
    else for (const d of all) process.stdout.write(`${d.file}:${d.line}:${d.col}: ${d.stage}: ${d.message}\n`);
    return all.length ? 1 : 0;
  },
};
