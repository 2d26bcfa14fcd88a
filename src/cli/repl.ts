// `mgmt repl`: the terminal around src/repl/session.ts. On a TTY: prompt,
// history (kept in ~/.mgmt_repl_history), continuation lines while a brace
// is open, Ctrl-C cancels the entry, Ctrl-D leaves. With piped stdin: no
// prompt, one result per entry, so it can be scripted.

import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command, ParsedArgs } from './command.js';
import { needsMore } from '../repl/input.js';
import { ReplSession } from '../repl/session.js';

const PROMPT = 'mcl> ';
const MORE = '...> ';

function historyFile(): string {
  return process.env.MGMT_REPL_HISTORY ?? join(homedir(), '.mgmt_repl_history');
}

function loadHistory(): string[] {
  try {
    // readline wants the newest entry first.
    return readFileSync(historyFile(), 'utf8').split('\n').filter(Boolean).reverse().slice(0, 1000);
  } catch {
    return [];
  }
}

function saveHistory(entry: string): void {
  try {
    appendFileSync(historyFile(), entry.replace(/\n/g, ' ') + '\n');
  } catch {
    // History is a convenience: a read-only home must not break the REPL.
  }
}

async function piped(session: ReplSession): Promise<number> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  let buffer = '';
  let failed = false;
  for await (const line of rl) {
    buffer += line + '\n';
    if (needsMore(buffer)) continue;
    const entry = buffer;
    buffer = '';
    if (/^\s*:(q|quit|exit)\s*$/.test(entry)) break;
    const r = await session.eval(entry);
    if (!r.ok) failed = true;
    process.stdout.write(r.output);
  }
  if (buffer.trim()) {
    const r = await session.eval(buffer);
    if (!r.ok) failed = true;
    process.stdout.write(r.output);
  }
  return failed ? 1 : 0;
}

function interactive(session: ReplSession): Promise<number> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true, history: loadHistory(), historySize: 1000, prompt: PROMPT });
  let buffer = '';
  let busy = false;
  process.stdout.write('mgmt repl: mcl expressions and statements; :help for commands, Ctrl-D to leave\n');
  rl.prompt();
  rl.on('SIGINT', () => {
    // Ctrl-C drops the entry being typed, never the session.
    buffer = '';
    rl.write(null, { ctrl: true, name: 'u' });
    process.stdout.write('^C\n');
    rl.setPrompt(PROMPT);
    rl.prompt();
  });
  rl.on('line', (line) => {
    if (busy) return;
    buffer += line + '\n';
    if (needsMore(buffer)) {
      rl.setPrompt(MORE);
      rl.prompt();
      return;
    }
    const entry = buffer;
    buffer = '';
    rl.setPrompt(PROMPT);
    if (/^\s*:(q|quit|exit)\s*$/.test(entry)) {
      rl.close();
      return;
    }
    if (entry.trim()) saveHistory(entry.trim());
    busy = true;
    void session.eval(entry).then((r) => {
      busy = false;
      process.stdout.write(r.output);
      rl.prompt();
    });
  });
  return new Promise((done) =>
    rl.on('close', () => {
      process.stdout.write('\n');
      done(0);
    }),
  );
}

export const replCommand: Command = {
  name: 'repl',
  summary: 'An interactive mcl prompt: evaluate expressions (value and type), build up a program, show its graph.',
  usage: 'mgmt repl [--hostname NAME]',
  flags: [{ name: 'hostname', value: 'NAME', help: 'the hostname the program sees', default: 'this host' }],
  async run(args: ParsedArgs): Promise<number> {
    const session = new ReplSession({ hostname: args.flags.get('hostname') as string | undefined });
    for (const f of args.positional) {
      const r = await session.eval(`:load ${f}`);
      process.stdout.write(r.output);
    }
    return process.stdin.isTTY ? interactive(session) : piped(session);
  },
};
