// golang.template(template str [, vars T]) str: execute a Go text/template
// (missingkey=error, named "template") on an mcl value. The template may call
// every plain registry function (see template/mclfuncs.ts).

import { T } from '../../types/type.js';
import type { Value } from '../../types/value.js';
import { FatalError, InferError, type CallContext, type FuncDef, type FuncType } from '../registry.js';
import { toTemplate, type TV } from './template/data.js';
import { execute, ExecError } from './template/exec.js';
import { BUILTINS } from './template/funcs.js';
import { bindFunc, registryFuncs } from './template/mclfuncs.js';
import { parse, ParseError, type TreeSet } from './template/parser.js';

const NAME = 'template';

// Parsed templates by text, per registry (the function names a parse accepts
// depend on it). Trees are never changed by execution, so they can be shared.
const CACHE_SIZE = 256;
const parsed = new WeakMap<object, Map<string, TreeSet>>();
const noRegistry = {};

function parseCached(text: string, key: object, hasFunction: (n: string) => boolean): TreeSet {
  let cache = parsed.get(key);
  if (!cache) parsed.set(key, (cache = new Map()));
  let trees = cache.get(text);
  if (!trees) {
    trees = parse(NAME, text, hasFunction);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(text, trees);
  }
  return trees;
}

/** Render `text` with `data`; throws FatalError with upstream's prefixes. */
export function render(text: string, data: Value | undefined, ctx: CallContext): string {
  const reg = ctx.env?.registry;
  const table = reg ? registryFuncs(reg) : new Map();
  const hasFunction = (n: string) => table.has(n) || BUILTINS.has(n);
  let trees: TreeSet;
  try {
    trees = parseCached(text, reg ?? noRegistry, hasFunction);
  } catch (e) {
    if (e instanceof ParseError) throw new FatalError(`template: parse error: ${e.message}`);
    throw e;
  }
  const argType = ctx.type?.args?.[1]?.type;
  const tv: TV = data === undefined ? null : toTemplate(data, argType);
  const bound = new Map<string, ReturnType<typeof bindFunc>>();
  const funcs = (n: string) => {
    const e = table.get(n);
    if (!e) return undefined;
    let f = bound.get(n);
    if (!f) bound.set(n, (f = bindFunc(n, e, ctx)));
    return f;
  };
  try {
    return execute(trees, NAME, tv, { text, parseName: NAME, funcs });
  } catch (e) {
    if (e instanceof ExecError) throw new FatalError(`template: execution error: ${e.message}`);
    throw e;
  }
}

export const template: FuncDef = {
  name: 'template',
  infer(args): FuncType {
    if (args.length === 1) return T.func([{ name: 'a', type: T.str }], T.str) as FuncType;
    if (args.length === 2) return T.func([{ name: 'a', type: T.str }, { name: 'b', type: args[1].type }], T.str) as FuncType;
    throw new InferError('expected one or two args');
  },
  fn(args, ctx) {
    return render(args[0] as string, args.length > 1 ? args[1] : undefined, ctx);
  },
  doc: 'Execute a Go text/template with an optional value as its data; builtins are callable as module_name.',
};
