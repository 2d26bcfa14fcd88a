// Names a document can use, read from its text so that they are known even
// while it does not parse: its imports (alias → module path) and the builtin
// functions they reach.

import type { FuncDef, Registry } from '../lang/funcs/registry.js';
import { importAlias } from '../lang/ordering.js';

export interface ImportInfo {
  /** What was written: `fmt`, `golang/strings`, `mod1/`, `foo.mcl`. */
  name: string;
  /** `fmt`, `strings`, or `*` for `import "x" as *`. */
  alias: string;
  /** 0-based offset of the `import` keyword. */
  offset: number;
}

const IMPORT = /^[ \t]*import[ \t]+"([^"\n]+)"(?:[ \t]+as[ \t]+([a-z][a-z0-9_]*|\*))?/gm;

export function imports(text: string): ImportInfo[] {
  const out: ImportInfo[] = [];
  for (const m of text.matchAll(IMPORT)) out.push({ name: m[1], alias: m[2] ?? importAlias(m[1]), offset: m.index! });
  return out;
}

/** A system module import (not a local file or directory). */
export function isSystemImport(name: string): boolean {
  return !name.endsWith('.mcl') && !name.endsWith('/') && !/^[a-z]+:\/\//.test(name);
}

/** The builtin a call name reaches: `len`, `fmt.printf` (through the imports), `golang.strings.to_upper`. */
export function lookupFunc(registry: Registry, text: string, name: string): { def: FuncDef; module: string } | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0) {
    const core = registry.lookup('', name);
    if (core) return { def: core, module: '' };
    // `import "fmt" as *` brings fmt's functions in unqualified.
    for (const i of imports(text)) {
      if (i.alias !== '*') continue;
      const def = registry.lookup(i.name, name);
      if (def) return { def, module: i.name };
    }
    return undefined;
  }
  const qual = name.slice(0, dot);
  const fn = name.slice(dot + 1);
  for (const i of imports(text)) {
    if (i.alias !== qual) continue;
    const def = registry.lookup(i.name, fn);
    if (def) return { def, module: i.name };
  }
  return undefined;
}

export function signatures(def: FuncDef): string[] {
  if (def.sig === undefined) return def.infer ? ['(type decided by its arguments)'] : [];
  return Array.isArray(def.sig) ? def.sig : [def.sig];
}
