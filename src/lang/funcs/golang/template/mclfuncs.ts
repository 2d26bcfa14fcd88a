// The mcl builtins a template may call: every plain function of the registry
// with one fixed signature, named `<module path with / and . as _>_<name>`
// (`strings_to_upper`, `golang_strings_join`, `_concat` for top-level ones).

import { parseType, type Type } from '../../../types/type.js';
import type { CallContext, FuncDef, FuncType, Registry } from '../../registry.js';
import { fromTemplate, TFunc, toTemplate } from './data.js';

interface Entry {
  def: FuncDef;
  type: FuncType;
}

const tables = new WeakMap<Registry, Map<string, Entry>>();

/** The template name of a registry function. */
export const templateFuncName = (modulePath: string, name: string): string =>
  modulePath.replace(/[/.]/g, '_') + '_' + name;

/** The table of callable registry functions, built once per registry. */
export function registryFuncs(reg: Registry): Map<string, Entry> {
  let table = tables.get(reg);
  if (table) return table;
  table = new Map();
  for (const mod of reg.allModules()) {
    for (const def of mod.funcs) {
      if (!def.fn || def.stream || typeof def.sig !== 'string' || def.sig.includes('?')) continue;
      let type: Type;
      try {
        type = parseType(def.sig);
      } catch {
        continue;
      }
      if (type.k !== 'func') continue;
      table.set(templateFuncName(mod.path, def.name), { def, type });
    }
  }
  tables.set(reg, table);
  return table;
}

/** A registry function as a template function, converting arguments and result. */
export function bindFunc(name: string, e: Entry, ctx: CallContext): TFunc {
  const params = e.type.args.map((a) => ({ k: 'mcl' as const, type: a.type }));
  return new TFunc(name, params, false, (args) => {
    const mclArgs = args.map((a, i) => fromTemplate(a, params[i].type));
    const result = e.def.fn!(mclArgs, { ...ctx, type: e.type });
    return toTemplate(result, e.type.ret);
  });
}
