// A reader for txtar archives (upstream's test case format): an optional
// comment, then files introduced by `-- name --` lines.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Txtar {
  comment: string;
  files: Map<string, string>;
}

const HEADER = /^-- (.+?) --$/;

export function parseTxtar(text: string): Txtar {
  const files = new Map<string, string>();
  const lines = text.split('\n');
  // A trailing newline does not start an extra empty line.
  if (lines[lines.length - 1] === '') lines.pop();
  let comment: string[] = [];
  let name: string | undefined;
  let body: string[] = [];
  const flush = (): void => {
    if (name === undefined) comment = body;
    else files.set(name, body.map((l) => l + '\n').join(''));
  };
  for (const line of lines) {
    const m = HEADER.exec(line);
    if (m) {
      flush();
      name = m[1];
      body = [];
    } else {
      body.push(line);
    }
  }
  flush();
  return { comment: comment.map((l) => l + '\n').join(''), files };
}

export function readTxtar(path: string): Txtar {
  return parseTxtar(readFileSync(path, 'utf8'));
}

/** Every `.txtar` file under `dir`, sorted, as absolute-or-relative paths. */
export function listTxtar(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.txtar')) out.push(p);
    }
  };
  walk(dir);
  return out;
}
