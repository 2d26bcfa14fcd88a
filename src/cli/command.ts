// The shape every subcommand exports, so that `--help` is built from data.

export interface FlagDef {
  /** Long name without dashes: `format`. */
  name: string;
  /** Placeholder for a value (`FORMAT`); absent for a boolean flag. */
  value?: string;
  /** One line of help. */
  help: string;
  /** Default shown in help. */
  default?: string;
  /** A one-letter alias (`o` for `-o`). */
  short?: string;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  flags: FlagDef[];
  /** Returns the process exit code. */
  run(args: ParsedArgs): Promise<number>;
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | boolean>;
  /** Every value of each valued flag, in order (for repeatable flags such as `--remote`). */
  all?: Map<string, string[]>;
}

export class UsageError extends Error {}

/** Parse `--flag value`, `--flag=value` and boolean `--flag` against the command's flag list. */
export function parseArgs(argv: string[], flags: FlagDef[]): ParsedArgs {
  const out: ParsedArgs = { positional: [], flags: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    const short = /^-([a-zA-Z])$/.exec(a) && flags.find((f) => f.short === a[1]);
    if (short) {
      if (!short.value) out.flags.set(short.name, true);
      else {
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`-${a[1]} needs a value (${short.value})`);
        out.flags.set(short.name, v);
      }
      continue;
    }
    if (!a.startsWith('--') || a === '-') {
      out.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const def = flags.find((f) => f.name === name);
    if (!def) throw new UsageError(`unknown flag --${name}`);
    if (!def.value) {
      if (eq >= 0) {
        const v = a.slice(eq + 1);
        if (v !== 'true' && v !== 'false') throw new UsageError(`--${name} takes no value (or true/false)`);
        out.flags.set(name, v === 'true');
      } else out.flags.set(name, true);
      continue;
    }
    let v: string | undefined;
    if (eq >= 0) v = a.slice(eq + 1);
    else v = argv[++i];
    if (v === undefined) throw new UsageError(`--${name} needs a value (${def.value})`);
    out.flags.set(name, v);
    out.all ??= new Map();
    out.all.set(name, [...(out.all.get(name) ?? []), v]);
  }
  return out;
}

export function commandHelp(cmd: Command): string {
  const lines = [`Usage: ${cmd.usage}`, '', cmd.summary];
  if (cmd.flags.length) {
    lines.push('', 'Flags:');
    const rows = cmd.flags.map((f) => [`  ${f.short ? `-${f.short}, ` : ''}--${f.name}${f.value ? ` ${f.value}` : ''}`, f.help + (f.default ? ` (default: ${f.default})` : '')]);
    const w = Math.max(...rows.map((r) => r[0].length)) + 2;
    for (const [l, r] of rows) lines.push(l.padEnd(w) + r);
  }
  lines.push('  --help'.padEnd(20) + 'show this help');
  return lines.join('\n') + '\n';
}
