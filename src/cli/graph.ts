// `mgmt graph FILE`: compile, run the function graph to its first stable set
// of values, interpret, add automatic edges, and print the resource graph.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, ParsedArgs } from './command.js';
import { UsageError } from './command.js';
import type { LangError } from '../lang/errors.js';
import { renderLocal } from '../lang/diagnose.js';
import type { Registry } from '../lang/funcs/registry.js';
import { asLangError, compile, firstGraph, loadDeploy } from '../lang/index.js';
import type { Deploy } from '../lang/index.js';
import { graphDot, graphJson, graphText } from '../engine/format.js';
import { setLogLevel } from '../util/log.js';
import { readText } from '../util/read-text.js';
import { fieldsDump } from '../engine/fields.js';
import { parseYamlGraph } from '../yamlgraph/parse.js';

/** Print a language error the way tools and people both need it: one line on stdout, a rendering on stderr. */
export function reportLangError(err: LangError, deploy: Deploy | undefined, sources?: Map<string, string>, registry?: Registry): void {
  process.stdout.write(`# err: ${err.stage}: ${err.text()}\n`);
  const source = (file: string) => {
    const have = sources?.get(file);
    if (have !== undefined || !deploy) return have;
    return readText(join(deploy.root, file));
  };
  process.stderr.write(renderLocal(err, deploy, source, registry) + '\n');
}

export const graphCommand: Command = {
  name: 'graph',
  summary: 'Compile an mcl program and print the resource graph it produces (after the first stable set of values and automatic edges).',
  usage: 'mgmt graph [flags] FILE  |  mgmt graph [flags] --yaml FILE',
  flags: [
    { name: 'format', value: 'FORMAT', help: 'output format: text (one line per vertex and edge), json, or dot', default: 'text' },
    { name: 'fields', help: 'autogroup, run the resources once until converged (at most 5 s, so send/recv delivers values), and list every non-zero field' },
    { name: 'yaml', value: 'FILE', help: 'read a YAML graph instead of an mcl program' },
    { name: 'puppet', value: 'FILE', help: 'read a Puppet manifest (translated to mcl) instead of an mcl program' },
    { name: 'facts', value: 'FILE', help: 'with --puppet: facts as JSON instead of the host\'s' },
    { name: 'hostname', value: 'NAME', help: 'the hostname the program sees' },
    { name: 'debug', help: 'log each stage and its timing' },
  ],
  async run(args: ParsedArgs): Promise<number> {
    const yamlFile = args.flags.get('yaml') as string | undefined;
    const puppetFile = args.flags.get('puppet') as string | undefined;
    if (puppetFile !== undefined) return puppetGraph(puppetFile, args);
    if (yamlFile !== undefined ? args.positional.length !== 0 : args.positional.length !== 1) {
      throw new UsageError('expected exactly one FILE (an .mcl file, a metadata.yaml, or a directory), or --yaml FILE');
    }
    const format = (args.flags.get('format') as string | undefined) ?? 'text';
    if (!['text', 'json', 'dot'].includes(format)) throw new UsageError(`unknown --format \`${format}\` (text, json or dot)`);
    if (args.flags.get('debug')) setLogLevel('debug');
    const fields = args.flags.get('fields') === true;
    const hostname = args.flags.get('hostname') as string | undefined;
    if (yamlFile !== undefined) {
      let text: string | undefined;
      try {
        text = readFileSync(yamlFile, 'utf8');
        const { graph, warnings } = parseYamlGraph(text, yamlFile);
        for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
        process.stdout.write(fields ? await fieldsDump(graph, { hostname }) : format === 'json' ? graphJson(graph) : format === 'dot' ? graphDot(graph) : graphText(graph));
        return 0;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code) {
          process.stderr.write(`mgmt graph: could not read ${yamlFile}: ${(e as Error).message}\n`);
          return 1;
        }
        reportLangError(asLangError(e, 'errGraph'), undefined, new Map([[yamlFile, text ?? '']]));
        return 1;
      }
    }
    let deploy: Deploy | undefined;
    let sources: Map<string, string> | undefined;
    try {
      deploy = loadDeploy(args.positional[0]);
      const compiled = compile(deploy, { hostname: args.flags.get('hostname') as string | undefined });
      sources = compiled.sources;
      const graph = await firstGraph(compiled);
      const out = fields ? await fieldsDump(graph, { hostname }) : format === 'json' ? graphJson(graph) : format === 'dot' ? graphDot(graph) : graphText(graph);
      process.stdout.write(out);
      return 0;
    } catch (e) {
      reportLangError(asLangError(e), deploy, sources);
      return 1;
    }
  },
};

/** `mgmt graph --puppet FILE.pp`: the manifest's translation, compiled and interpreted like any mcl program. */
async function puppetGraph(file: string, args: ParsedArgs): Promise<number> {
  if (args.positional.length) throw new UsageError('--puppet FILE takes no other FILE');
  const format = (args.flags.get('format') as string | undefined) ?? 'text';
  if (!['text', 'json', 'dot'].includes(format)) throw new UsageError(`unknown --format \`${format}\` (text, json or dot)`);
  const { manifestGraph } = await import('../puppet/index.js');
  try {
    const graph = await manifestGraph(file, { factsFile: args.flags.get('facts') as string | undefined, hostname: args.flags.get('hostname') as string | undefined });
    process.stdout.write(format === 'json' ? graphJson(graph) : format === 'dot' ? graphDot(graph) : graphText(graph));
    return 0;
  } catch (e) {
    // Errors are placed in the manifest (manifestGraph moves those of the translation there).
    reportLangError(asLangError(e), undefined, new Map([[file, readText(file) ?? '']]));
    return 1;
  }
}
