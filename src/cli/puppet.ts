// `mgmt puppet catalog|translate FILE.pp`: the Puppet frontend on its own.
// catalog prints what our evaluator makes of the manifest in Puppet's own
// types (the corpus's `.expect` format, or JSON); translate prints mcl.
// A failure in expect format is still expect lines (outcome unsupported or
// error) on stdout, with the located message on stderr, and exit status 1.

import { writeFileSync } from 'node:fs';
import type { Command, ParsedArgs } from './command.js';
import { UsageError } from './command.js';
import { PuppetError } from '../puppet/errors.js';
import { catalogOfFile, failureLines } from '../puppet/index.js';
import { sortedJson } from '../puppet/catalog.js';
import { translateCatalog } from '../puppet/translate.js';

export const puppetCommand: Command = {
  name: 'puppet',
  summary:
    'Evaluate a Puppet manifest (a subset of the language, see docs/puppet.md).\n\n' +
    '  catalog FILE.pp     print the catalog in Puppet types: `.expect` lines (default) or JSON\n' +
    '  translate FILE.pp   print the equivalent mcl program (or write it with -o)\n\n' +
    'Facts come from the host unless --facts names a JSON file (Facter names).',
  usage: 'mgmt puppet catalog|translate [flags] FILE.pp',
  flags: [
    { name: 'facts', value: 'FILE', help: 'facts as JSON (Facter output, or {"values": {...}})' },
    { name: 'format', value: 'FORMAT', help: 'catalog output: expect or json', default: 'expect' },
    { name: 'output', value: 'FILE', short: 'o', help: 'translate: write the mcl to FILE instead of stdout' },
  ],
  async run(args: ParsedArgs): Promise<number> {
    const [sub, file, ...rest] = args.positional;
    if ((sub !== 'catalog' && sub !== 'translate') || !file || rest.length) throw new UsageError('expected `catalog FILE.pp` or `translate FILE.pp`');
    const format = (args.flags.get('format') as string | undefined) ?? 'expect';
    if (format !== 'expect' && format !== 'json') throw new UsageError(`unknown --format \`${format}\` (expect or json)`);
    const factsFile = args.flags.get('facts') as string | undefined;
    try {
      const catalog = catalogOfFile(file, { factsFile });
      for (const m of catalog.messages) process.stderr.write(`${m}\n`);
      if (sub === 'catalog') {
        process.stdout.write(format === 'json' ? JSON.stringify(catalog.json(), null, 2) + '\n' : ['outcome supported', ...catalog.expectLines()].join('\n') + '\n');
        return 0;
      }
      const text = translateCatalog(catalog, file).text;
      const out = args.flags.get('output') as string | undefined;
      if (out) writeFileSync(out, text);
      else process.stdout.write(text);
      return 0;
    } catch (e) {
      if (!(e instanceof PuppetError)) {
        if ((e as NodeJS.ErrnoException).code && factsFile) {
          process.stderr.write(`mgmt puppet: could not read facts ${factsFile}: ${(e as Error).message}\n`);
          return 1;
        }
        throw e;
      }
      if (sub === 'catalog' && format === 'expect') process.stdout.write(failureLines(e).join('\n') + '\n');
      else if (sub === 'catalog') process.stdout.write(sortedJson({ outcome: e.outcome, stage: e.stage, error: e.message }) + '\n');
      process.stderr.write(`mgmt puppet: ${e.outcome === 'unsupported' ? 'unsupported' : 'error'}: ${e.message}\n`);
      return 1;
    }
  },
};
