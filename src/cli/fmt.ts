// `mgmt fmt FILE... [--check] [--write]`: the canonical layout of
// src/lang/printer.ts, comments kept. A file that does not parse is reported
// as file:line:col and never rewritten; --write replaces files atomically
// (a temp file in the same directory, then rename).

import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command, ParsedArgs } from './command.js';
import { UsageError } from './command.js';
import { parse } from '../lang/parser.js';
import { printProgram } from '../lang/printer.js';

export type FormatResult = { ok: true; text: string } | { ok: false; error: string };

/** The canonical text of one mcl source, or the first syntax error as `file:line:col: stage: message`. */
export function formatSource(text: string, file: string): FormatResult {
  const parsed = parse(text, file);
  if (!parsed.ast || parsed.errors.length) {
    const e = parsed.errors[0];
    const sp = e?.span;
    return { ok: false, error: `${file}:${sp?.line ?? 1}:${sp?.col ?? 1}: ${e?.stage ?? 'errLexParse'}: ${e?.text() ?? 'could not parse'}` };
  }
  return { ok: true, text: printProgram(parsed.ast, parsed.comments) };
}

function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.fmt-${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text, { mode: statSync(path).mode & 0o7777 });
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Already gone.
    }
    throw e;
  }
}

export const fmtCommand: Command = {
  name: 'fmt',
  summary: 'Format mcl files in the one canonical layout (tabs, `=>` params, trailing commas; comments kept).',
  usage: 'mgmt fmt [--check] [--write] FILE...',
  flags: [
    { name: 'check', help: 'print the files that would change and exit 1 if any would' },
    { name: 'write', help: 'rewrite the files that would change, in place' },
  ],
  async run(args: ParsedArgs): Promise<number> {
    if (args.positional.length === 0) throw new UsageError('expected at least one FILE');
    const check = args.flags.get('check') === true;
    const write = args.flags.get('write') === true;
    let failed = false;
    let changed = false;
    for (const file of args.positional) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        process.stderr.write(`mgmt fmt: ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
        failed = true;
        continue;
      }
      const r = formatSource(text, file);
      if (!r.ok) {
        process.stderr.write(r.error + '\n');
        failed = true;
        continue;
      }
      const differs = r.text !== text;
      if (check || write) {
        if (!differs) continue;
        changed = true;
        if (write) writeAtomic(file, r.text);
        process.stdout.write(`${file}\n`);
      } else {
        process.stdout.write(r.text);
      }
    }
    if (failed) return 1;
    return check && !write && changed ? 1 : 0;
  },
};
