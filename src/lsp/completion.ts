// Completion. The context comes from the text before the cursor (the
// document rarely parses while being typed): `$…` offers variables in scope
// (the imports' too: `$lib.answer`), `$alias.…` that import's variables,
// `alias.…` its functions (`include alias.…` its classes), the start of an
// item inside a resource body the kind's params, Meta params and edge
// properties, and the start of a statement resource kinds and keywords.

import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver/node';
import type { CompletionItem } from 'vscode-languageserver/node';
import type { Program } from '../lang/ast.js';
import type { Registry } from '../lang/funcs/registry.js';
import { KEYWORDS } from '../lang/lexer.js';
import { scanBrackets } from '../lang/brackets.js';
import { KINDS } from '../resources/index.js';
import { META_FIELDS } from '../resources/meta.js';
import { exportsOf } from './exports.js';
import type { Exported, Reader } from './exports.js';
import { imports, signatures } from './names.js';
import { nodesAt } from './util.js';
import type { AnyNode } from './util.js';
import type { Analysis } from './workspace.js';

const EDGES = ['Before', 'Depend', 'Notify', 'Listen'];
const HEADER = /^[ \t]*(?:collect[ \t]+)?([a-z][a-z0-9_]*(?::[a-z][a-z0-9_]*)*)[ \t]+[^{\n]*\{$/;

export function completion(a: Analysis, offset: number, registry: Registry, read: Reader, fallbackAst?: Program): CompletionItem[] {
  const text = a.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const ctx = scanBrackets(text, offset);
  if (ctx.inString && !/\$\{[a-z0-9_.]*$/.test(before)) return [];
  if (ctx.inComment) return [];
  const imported = (alias: string) => {
    const i = imports(text).find((x) => x.alias === alias);
    return i ? (exportsOf(i.name, a.path, read, registry) ?? []) : undefined;
  };

  const v = /\$\{?([a-z0-9_.]*)$/.exec(before);
  if (v) {
    const dot = v[1].indexOf('.');
    // `$lib.` : that import's variables.
    if (dot >= 0) return (imported(v[1].slice(0, dot)) ?? []).filter((e) => e.what === 'var').map((e) => exportedItem(e));
    return [...variables(a.ast ?? fallbackAst, text, offset), ...importedVariables(text, a.path, read, registry)];
  }

  const m = /(?:^|[^$\w.])([a-z][a-z0-9_]*)\.([a-z0-9_]*)$/.exec(before);
  if (m) {
    // `include lib.` takes a class; anywhere else `lib.` calls a function.
    const want = /(?:^|[^\w])include[ \t]+[a-z][a-z0-9_]*\.[a-z0-9_]*$/.test(before) ? 'class' : 'func';
    return (imported(m[1]) ?? []).filter((e) => e.what === want).map((e) => exportedItem(e));
  }

  if (/(?:^|[^\w])include[ \t]+[a-z0-9_]*$/.test(before)) return classes(a.ast ?? fallbackAst, text);

  const open = ctx.open[ctx.open.length - 1];
  if (open && text[open] === '{') {
    const headerStart = text.lastIndexOf('\n', open - 1) + 1;
    const header = HEADER.exec(text.slice(headerStart, open + 1));
    const kind = header && KINDS.get(header[1]);
    if (kind && /^[ \t]*[A-Za-z_:]*$/.test(before)) {
      if (/Meta:[a-z]*$/.test(before)) return META_FIELDS.map((f) => item(f.name, CompletionItemKind.Property, f.type, `${f.name} => `));
      return [
        ...kind.params.map((p) => ({ ...item(p.name, CompletionItemKind.Field, p.type, `${p.name} => `), documentation: p.doc })),
        ...META_FIELDS.map((f) => item(`Meta:${f.name}`, CompletionItemKind.Property, f.type, `Meta:${f.name} => `)),
        item('Meta', CompletionItemKind.Property, 'struct{…}', 'Meta => '),
        ...EDGES.map((e) => item(e, CompletionItemKind.Reference, 'edge', `${e} => `)),
      ];
    }
  }

  const top = /^[ \t]*[a-z_:]*$/.test(before) && !ctx.open.some((o) => text[o] !== '{');
  const out: CompletionItem[] = [];
  if (top) {
    for (const [name, k] of KINDS) {
      if (name.startsWith('_')) continue;
      out.push({
        label: name,
        kind: CompletionItemKind.Class,
        detail: 'resource',
        documentation: k.doc,
        insertText: `${name} "\${1:name}" {\n\t$0\n}`,
        insertTextFormat: InsertTextFormat.Snippet,
      });
    }
    for (const kw of KEYWORDS) out.push(item(kw, CompletionItemKind.Keyword));
  }
  for (const f of registry.module('')?.funcs ?? []) {
    if (!/^[a-z]/.test(f.name)) continue;
    out.push({ ...item(f.name, CompletionItemKind.Function, signatures(f)[0]), documentation: f.doc });
  }
  for (const i of imports(text)) if (i.alias !== '*') out.push(item(i.alias, CompletionItemKind.Module, `import "${i.name}"`));
  return out;
}

function item(label: string, kind: CompletionItemKind, detail?: string, insertText?: string): CompletionItem {
  return { label, kind, ...(detail ? { detail } : {}), ...(insertText ? { insertText } : {}) };
}

const KIND_OF: Record<Exported['what'], CompletionItemKind> = { func: CompletionItemKind.Function, var: CompletionItemKind.Variable, class: CompletionItemKind.Class };

function exportedItem(e: Exported, label = e.name): CompletionItem {
  return { ...item(label, KIND_OF[e.what], e.detail), ...(e.doc ? { documentation: e.doc } : {}) };
}

/** The variables imports bring in: `lib.answer` for `import "lib.mcl"`, `answer` for `import "lib.mcl" as *`. */
function importedVariables(text: string, path: string, read: Reader, registry: Registry): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const i of imports(text)) {
    for (const e of exportsOf(i.name, path, read, registry) ?? []) {
      if (e.what === 'var') out.push(exportedItem(e, i.alias === '*' ? e.name : `${i.alias}.${e.name}`));
    }
  }
  return out;
}

/** After `include `: the classes of this document and the aliases whose classes follow a `.`. */
function classes(ast: Program | undefined, text: string): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const s of ast?.body ?? []) if (s.kind === 'class') out.push(item(s.name, CompletionItemKind.Class, `class ${s.name}`));
  for (const i of imports(text)) if (i.alias !== '*') out.push(item(i.alias, CompletionItemKind.Module, `import "${i.name}"`));
  return out;
}

/** Binds of the program and of the blocks around the cursor, parameters and loop variables around it. */
function variables(ast: Program | undefined, text: string, offset: number): CompletionItem[] {
  const names = new Map<string, string>();
  if (ast) {
    // The program's own binds even when the cursor is past the end of the tree that parsed.
    for (const s of ast.body) if (s.kind === 'bind') names.set(s.name, 'bind');
    for (const n of nodesAt(ast, offset)) {
      if (n.kind === 'program' || n.kind === 'block') {
        for (const s of n.body as AnyNode[]) if (s.kind === 'bind') names.set(s.name as string, 'bind');
      }
      if (n.kind === 'for') [n.index, n.value].forEach((x) => names.set(x as string, 'loop variable'));
      if (n.kind === 'forkv') [n.key, n.value].forEach((x) => names.set(x as string, 'loop variable'));
      const fn = n.kind === 'func' && n.func ? (n.func as AnyNode) : n;
      if (fn.kind === 'func' || fn.kind === 'class') for (const p of (fn.params as { name: string }[] | undefined) ?? []) names.set(p.name, 'parameter');
    }
  } else {
    for (const m of text.matchAll(/^[ \t]*\$([a-z][a-z0-9_]*)\b[^=\n]*=(?!=)/gm)) names.set(m[1], 'bind');
  }
  return [...names].map(([n, what]) => item(n, CompletionItemKind.Variable, what));
}
