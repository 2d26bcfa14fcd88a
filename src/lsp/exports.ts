// What an import gives the document that imports it, for completion: the
// top-level binds, functions and classes of a local file or module directory
// (read from the editor's buffer when it is open, else from disk, and parsed
// with recovery so that a half-written library still offers its names), and a
// builtin module's functions, variables and mcl part. Names that file imports
// `as *` are its names too.

import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Comment, Program, Stmt } from '../lang/ast.js';
import type { Registry } from '../lang/funcs/registry.js';
import { parse } from '../lang/parser.js';
import { importAlias } from '../lang/ordering.js';
import { readText } from '../util/read-text.js';
import { isSystemImport, signatures } from './names.js';

export interface Exported {
  name: string;
  what: 'func' | 'var' | 'class';
  /** `func twice($x)`, `class hello($n)`, `$answer`, or a builtin's signature. */
  detail: string;
  doc?: string;
}

/** Reads a local file: the open buffer if there is one. */
export type Reader = (path: string) => string | undefined;

/** The names import `name`, written in the file at `from`, brings in; undefined if it cannot be found. */
export function exportsOf(name: string, from: string, read: Reader, registry: Registry, seen = new Set<string>()): Exported[] | undefined {
  if (isSystemImport(name)) return systemExports(name, registry);
  const path = localPath(name, from, read);
  if (!path || seen.has(path)) return undefined;
  seen.add(path);
  const text = read(path);
  if (text === undefined) return undefined;
  const parsed = parse(text, path, { recover: true });
  if (!parsed.ast) return undefined;
  return fromProgram(parsed.ast, parsed.comments, (n) => exportsOf(n, path, read, registry, seen));
}

/** `lib.mcl` beside the importing file; `mod/` is that directory's entry (metadata.yaml's `main`, else main.mcl). */
function localPath(name: string, from: string, read: Reader): string | undefined {
  if (/^[a-z]+:\/\//i.test(name)) return undefined;
  if (!name.endsWith('/')) return normalize(join(dirname(from), name));
  const dir = normalize(join(dirname(from), name));
  const meta = read(join(dir, 'metadata.yaml'));
  let main = 'main.mcl';
  if (meta !== undefined) {
    try {
      const m = (parseYaml(meta) as { main?: unknown } | null)?.main;
      if (typeof m === 'string' && m !== '') main = m;
    } catch {
      // A broken metadata.yaml: the compiler says so; completion assumes the default.
    }
  }
  return join(dir, main);
}

function fromProgram(ast: Program, comments: Comment[], starImport: (name: string) => Exported[] | undefined): Exported[] {
  const out: Exported[] = [];
  for (const s of ast.body) {
    const doc = docAbove(s, comments);
    const withDoc = <T extends Exported>(e: T): T => (doc ? { ...e, doc } : e);
    if (s.kind === 'bind') out.push(withDoc({ name: s.name, what: 'var', detail: `$${s.name}` }));
    else if (s.kind === 'func') out.push(withDoc({ name: s.name, what: 'func', detail: `func ${s.name}(${s.func.params.map((p) => `$${p.name}`).join(', ')})` }));
    else if (s.kind === 'class') out.push(withDoc({ name: s.name, what: 'class', detail: `class ${s.name}${s.params ? `(${s.params.map((p) => `$${p.name}`).join(', ')})` : ''}` }));
    else if (s.kind === 'import' && s.alias === '*') out.push(...(starImport(s.name) ?? []));
  }
  return out;
}

/** The comment lines right above a statement: its documentation. */
function docAbove(s: Stmt, comments: Comment[]): string | undefined {
  const lines: string[] = [];
  let line = s.span.line - 1;
  for (let i = comments.length - 1; i >= 0; i--) {
    const c = comments[i];
    if (c.span.line > line) continue;
    if (c.span.line < line || c.span.col !== 1) break;
    lines.unshift(c.text.trim());
    line--;
  }
  return lines.length ? lines.join('\n') : undefined;
}

function systemExports(name: string, registry: Registry): Exported[] | undefined {
  const mod = registry.module(name);
  if (!mod) return undefined;
  const out: Exported[] = mod.funcs.map((f) => ({ name: f.name, what: 'func', detail: signatures(f)[0] ?? f.name, doc: f.doc }));
  for (const v of Object.keys(mod.vars ?? {})) out.push({ name: v, what: 'var', detail: `$${importAlias(name)}.${v}` });
  if (mod.mcl) {
    const parsed = parse(mod.mcl, `/${name}.mcl`, { recover: true });
    if (parsed.ast) out.push(...fromProgram(parsed.ast, parsed.comments, () => undefined));
  }
  return out;
}

/** A reader over the open buffers, falling back to the disk. */
export function bufferReader(open: Map<string, string>): Reader {
  return (path) => open.get(path) ?? (existsSync(path) ? readText(path) : undefined);
}
