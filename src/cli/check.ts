// `mgmt check FILE...`: everything `mgmt run` would reject, found without
// changing the machine: syntax, scope and types, then the function graph to
// its first values (only functions that read), interpret, edges and cycles,
// and validation of every resource. One `file:line:col: stage: message` line
// per problem, with `help:` and related places indented below it; notes say
// what depends on values only a run can know. `--types-only` stops after type
// checking, as upstream's check does.

import type { Command, ParsedArgs } from './command.js';
import { UsageError } from './command.js';
import { diagnose, formatDiagnostic } from '../lang/diagnose.js';
import type { Diagnostic } from '../lang/diagnose.js';
import { checkYaml } from '../yamlgraph/check.js';

export type { Diagnostic };

/** Check one program; returns its diagnostics (no errors when it is fine; notes may remain). */
export async function checkFile(path: string, opts: { typesOnly?: boolean; hostname?: string } = {}): Promise<Diagnostic[]> {
  return (await diagnose(path, opts)).diagnostics;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Find what `mgmt run` would reject, without running anything: syntax, scope, types, resource values, edges and cycles (for editors and CI).',
  usage: 'mgmt check [--format text|json] [--types-only] FILE...  |  mgmt check [--format text|json] --yaml FILE',
  flags: [
    { name: 'format', value: 'FORMAT', help: 'text (file:line:col: stage: message) or json (an array of diagnostics)', default: 'text' },
    { name: 'types-only', help: 'stop after type checking, as upstream\'s check does: run no function, build no resource' },
    { name: 'hostname', value: 'NAME', help: 'the hostname the program sees' },
    { name: 'yaml', value: 'FILE', help: 'check a YAML graph instead of mcl programs' },
  ],
  async run(args: ParsedArgs): Promise<number> {
    const yaml = args.flags.get('yaml') as string | undefined;
    if (yaml !== undefined && args.positional.length) throw new UsageError('--yaml FILE takes no other FILE');
    if (yaml === undefined && args.positional.length === 0) throw new UsageError('expected at least one FILE');
    const format = (args.flags.get('format') as string | undefined) ?? 'text';
    if (!['text', 'json'].includes(format)) throw new UsageError(`unknown --format \`${format}\` (text or json)`);
    const opts = { typesOnly: args.flags.get('types-only') === true, hostname: args.flags.get('hostname') as string | undefined };
    const all: Diagnostic[] = [];
    if (yaml !== undefined) all.push(...checkYaml(yaml));
    for (const p of args.positional) all.push(...(await checkFile(p, opts)));
    if (format === 'json') process.stdout.write(JSON.stringify(all, null, 2) + '\n');
    else for (const d of all) process.stdout.write(formatDiagnostic(d) + '\n');
    return all.some((d) => d.severity === 'error') ? 1 : 0;
  },
};
