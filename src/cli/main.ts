// The mgmt command line: dispatches to one module per subcommand. Subcommands
// are imported lazily so that `--help` and `--version` stay fast and never
// load the compiler.

import { readFileSync } from 'node:fs';
import type { Command } from './command.js';
import { commandHelp, parseArgs, UsageError } from './command.js';

/** Subcommand name → summary and loader. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  graph: { summary: 'compile a program and print its resource graph', load: async () => (await import('./graph.js')).graphCommand },
  run: { summary: 'run the resource engine on an mcl program or a YAML graph', load: async () => (await import('./run.js')).runCommand },
  deploy: { summary: 'publish a program to a cluster; agents following deploys swap to it', load: async () => (await import('./deploy.js')).deployCommand },
  puppet: { summary: 'evaluate a Puppet manifest to its catalog, or translate it to mcl', load: async () => (await import('./puppet.js')).puppetCommand },
  check: { summary: 'check programs for errors without running anything (for editors)', load: async () => (await import('./check.js')).checkCommand },
  repl: { summary: 'an interactive mcl prompt: values and types of expressions, the graph of a program', load: async () => (await import('./repl.js')).replCommand },
  lsp: { summary: 'the mcl language server over stdio (for editors)', load: async () => (await import('./lsp.js')).lspCommand },
  fmt: { summary: 'format mcl files in the canonical layout', load: async () => (await import('./fmt.js')).fmtCommand },
};

/** Exit codes shared by every command (see docs/cli.md). */
export const EXIT = { ok: 0, failure: 1, usage: 64 } as const;

/** Set by scripts/bundle.mjs from package.json: the bundles (and the snapshot) carry no path to read it from. */
declare const MGMT_BUILD_VERSION: string | undefined;

function version(): string {
  if (typeof MGMT_BUILD_VERSION === 'string') return MGMT_BUILD_VERSION;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function mainHelp(): string {
  const w = Math.max(...Object.keys(COMMANDS).map((c) => c.length)) + 4;
  return [
    'mgmt: configuration management with a typed, reactive language',
    '',
    'Usage: mgmt <command> [flags] [args]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(w)}${c.summary}`),
    '',
    'Flags:',
    '  --help       show help (also `mgmt <command> --help`)',
    '  --version    print the version',
    '',
  ].join('\n');
}

/**
 * The process's entry (bin/mgmt.js, and the start-up snapshot in
 * snapshot.ts): run a command line and set the exit code; a crash is exit 70
 * with its stack.
 */
export async function main(argv: string[]): Promise<void> {
  try {
    process.exitCode = await run(argv);
  } catch (e) {
    process.stderr.write(`mgmt: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 70;
  }
  // Whatever a resource left open (a child ignoring SIGTERM, a socket) must
  // not keep a finished command alive. Here and not in the commands: the
  // snapshot's warm-up runs them, and a timer pending then breaks the timers
  // of every process started from the snapshot.
  setTimeout(() => process.exit(), 2000).unref();
}

/**
 * After `main`, in the launchers (the snapshot's main, bin/mgmt.js once it
 * saved its code cache): a command that ran to its end leaves nothing to wait
 * for, so exit now rather than let node tear down the heap first (~50 ms of a
 * 1,000-file `mgmt run`, bench/README.md). Only with stdout and stderr flushed
 * (to a file, a pipe or a terminal they write synchronously on Linux), and not
 * for the servers, which end when their input does.
 */
export function exitWhenDone(argv: string[]): void {
  if (!LONG_LIVED.has(argv[0] ?? '') && process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
}

/** Commands that end with their input, not when `run` returns. */
const LONG_LIVED = new Set(['lsp', 'repl']);

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    process.stdout.write(`mgmt ${version()}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`mgmt: unknown command \`${name}\`; see \`mgmt --help\`\n`);
    return EXIT.usage;
  }
  const cmd = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(commandHelp(cmd));
    return EXIT.ok;
  }
  try {
    return await cmd.run(parseArgs(rest, cmd.flags));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`mgmt ${name}: ${e.message}\n${commandHelp(cmd)}`);
      return EXIT.usage;
    }
    throw e;
  }
}
