// upstream's YAML graph format:
//
//   graph: mygraph
//   resources:
//     file:
//     - name: file1
//       meta: { noop: true }
//       path: /tmp/f1
//       content: "hello\n"
//   edges:
//   - from: { kind: file, name: file1 }
//     to: { kind: exec, name: exec1 }
//     notify: true
//
// Params are the kind's mcl param names; their YAML values are converted to
// the param's mcl type. An unknown param is a warning naming it (the rest of
// the resource still runs); anything that cannot make a graph is an error.

import { parse as parseYaml } from 'yaml';
import { LangError } from '../lang/errors.js';
import { parseType } from '../lang/types/type.js';
import type { Type } from '../lang/types/type.js';
import { MapValue, StructValue, zeroValue } from '../lang/types/value.js';
import type { Value } from '../lang/types/value.js';
import { addAutoEdges } from '../engine/autoedge.js';
import { ResourceGraph } from '../engine/graph.js';
import type { Vertex } from '../engine/graph.js';
import { getKind } from '../resources/index.js';
import { DEFAULT_META } from '../resources/kind.js';
import type { MetaParams } from '../resources/kind.js';
import { META_FIELDS, validateMeta } from '../resources/meta.js';

export interface YamlGraph {
  name: string;
  graph: ResourceGraph;
  /** Things that were ignored, each naming what and where. */
  warnings: string[];
  /** The `collect:` block: kinds to take in from other hosts' exports. */
  collect: YamlCollect[];
}

/** One entry of `collect:`. For file, `pattern` is the directory collected files move into. */
export interface YamlCollect {
  kind: string;
  pattern?: string;
}

export interface YamlOptions {
  /** Skip automatic edges (`--no-autoedges`). */
  noAutoEdges?: boolean;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function describe(x: unknown): string {
  if (x === null || x === undefined) return 'nothing';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'object') return 'a mapping';
  return `${typeof x} ${JSON.stringify(x)}`;
}

/** A YAML value as an mcl value of type `t`; throws a message naming what was expected. */
export function toValue(x: unknown, t: Type, where: string): Value {
  const bad = (want: string) => new Error(`${where}: expected ${want}, got ${describe(x)}`);
  switch (t.k) {
    case 'bool':
      if (typeof x !== 'boolean') throw bad('true or false');
      return x;
    case 'str':
      if (typeof x === 'string') return x;
      if (typeof x === 'number' || typeof x === 'boolean') return String(x);
      throw bad('a string');
    case 'int':
      if (typeof x === 'number' && Number.isInteger(x)) return BigInt(x);
      if (typeof x === 'string' && /^[-+]?\d+$/.test(x.trim())) return BigInt(x.trim());
      throw bad('an integer');
    case 'float':
      if (typeof x === 'number') return x;
      throw bad('a number');
    case 'list':
      if (!Array.isArray(x)) throw bad('a list');
      return x.map((e, i) => toValue(e, t.elem, `${where}[${i}]`));
    case 'map': {
      if (!isObj(x)) throw bad('a mapping');
      const m = new MapValue();
      for (const [k, v] of Object.entries(x)) m.set(toValue(k, t.key, `${where} key ${k}`), toValue(v, t.val, `${where}.${k}`));
      return m;
    }
    case 'struct': {
      if (!isObj(x)) throw bad('a mapping');
      for (const k of Object.keys(x)) if (!t.fields.some((f) => f.name === k)) throw new Error(`${where}: no field \`${k}\` in ${where}`);
      return new StructValue(t.fields.map((f) => [f.name, f.name in x ? toValue(x[f.name], f.type, `${where}.${f.name}`) : zeroValue(f.type)]));
    }
    case 'variant':
      return inferValue(x, where);
    default:
      throw new Error(`${where}: this param cannot be set from YAML`);
  }
}

function inferValue(x: unknown, where: string): Value {
  if (typeof x === 'boolean' || typeof x === 'string') return x;
  if (typeof x === 'number') return Number.isInteger(x) ? BigInt(x) : x;
  if (Array.isArray(x)) return x.map((e, i) => inferValue(e, `${where}[${i}]`));
  if (isObj(x)) return MapValue.from(Object.entries(x).map(([k, v]) => [k, inferValue(v, `${where}.${k}`)]));
  throw new Error(`${where}: has no value`);
}

function toMeta(x: unknown, where: string, warnings: string[]): MetaParams {
  const meta: MetaParams = { ...DEFAULT_META, sema: [], export: [] };
  if (x === undefined || x === null) return meta;
  if (!isObj(x)) throw new Error(`${where}: meta must be a mapping, got ${describe(x)}`);
  for (const [k, v] of Object.entries(x)) {
    const f = META_FIELDS.find((m) => m.name === k);
    if (!f) {
      warnings.push(`${where}: unknown meta param \`${k}\` (ignored)`);
      continue;
    }
    const val = toValue(v, parseType(f.type), `${where}: meta ${k}`);
    (meta as unknown as Record<string, unknown>)[k] = typeof val === 'bigint' ? Number(val) : val;
  }
  const reason = validateMeta(meta);
  if (reason) throw new Error(`${where}: invalid meta param: ${reason}`);
  return meta;
}

/** Parse a YAML graph; throws a LangError (errLexParse for YAML syntax, errGraph / errValidate otherwise). */
export function parseYamlGraph(text: string, file: string, opts: YamlOptions = {}): YamlGraph {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new LangError('errLexParse', `${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const fail = (msg: string) => new LangError('errGraph', `${file}: ${msg}`);
  if (doc === null || doc === undefined) doc = {};
  if (!isObj(doc)) throw fail(`expected a mapping with \`graph\`, \`resources\` and \`edges\`, got ${describe(doc)}`);
  const warnings: string[] = [];
  for (const k of Object.keys(doc)) if (!['graph', 'comment', 'resources', 'edges', 'collect'].includes(k)) warnings.push(`${file}: unknown top-level key \`${k}\` (ignored)`);
  const graph = new ResourceGraph();
  const resources = doc.resources ?? {};
  if (!isObj(resources)) throw fail(`\`resources\` must map kinds to lists, got ${describe(resources)}`);
  for (const [kindName, list] of Object.entries(resources)) {
    const kind = getKind(kindName);
    if (!kind) throw fail(`unknown resource kind \`${kindName}\``);
    if (list === null) continue;
    if (!Array.isArray(list)) throw fail(`resources.${kindName} must be a list, got ${describe(list)}`);
    for (const [i, item] of list.entries()) {
      if (!isObj(item)) throw fail(`resources.${kindName}[${i}] must be a mapping, got ${describe(item)}`);
      if (typeof item.name !== 'string' || item.name === '') throw fail(`resources.${kindName}[${i}] needs a \`name\``);
      // The seed's `@@name`: exported to every host, and run here only if collected here too.
      const exported = item.name.startsWith('@@');
      const name = exported ? item.name.slice(2) : item.name;
      if (name === '') throw fail(`resources.${kindName}[${i}] needs a name after \`@@\``);
      const where = `${kindName}[${name}]`;
      if (graph.find(kindName, name)) throw fail(`duplicate resource ${where}`);
      let v: Vertex;
      try {
        const params = new Map<string, Value>();
        for (const [k, x] of Object.entries(item)) {
          if (k === 'name' || k === 'meta' || k === 'kind') continue;
          const p = kind.params.find((q) => q.name === k);
          if (!p) {
            warnings.push(`${file}: ${where}: unknown param \`${k}\` (ignored)`);
            continue;
          }
          if (x === null && p.ptr) continue;
          params.set(k, toValue(x, parseType(p.type), `${where}: param ${k}`));
        }
        v = { kind: kindName, name, params, meta: toMeta(item.meta, where, warnings) };
        if (exported) {
          v.meta.hidden = true;
          if (!v.meta.export.length) v.meta.export = ['*'];
        }
      } catch (e) {
        throw fail((e as Error).message);
      }
      if (!v.meta.hidden) {
        const reason = kind.validate?.(v);
        if (reason) throw new LangError('errValidate', `${file}: ${where} did not Validate: ${reason}`);
      }
      graph.addVertex(v);
    }
  }
  const edges = doc.edges ?? [];
  if (!Array.isArray(edges)) throw fail(`\`edges\` must be a list, got ${describe(edges)}`);
  for (const [i, e] of edges.entries()) {
    const where = `edges[${i}]${isObj(e) && typeof e.name === 'string' ? ` (${e.name})` : ''}`;
    if (!isObj(e) || !isObj(e.from) || !isObj(e.to)) throw fail(`${where} needs \`from\` and \`to\`, each with \`kind\` and \`name\``);
    const end = (x: Record<string, unknown>) => {
      const v = graph.find(String(x.kind), String(x.name));
      if (!v) throw fail(`${where}: no resource ${x.kind}[${x.name}]`);
      return v;
    };
    graph.addEdge(end(e.from), end(e.to), e.notify === true);
  }
  if (!opts.noAutoEdges) {
    try {
      addAutoEdges(graph);
    } catch (e) {
      throw new LangError('errAutoEdge', `${file}: the auto edges had errors: ${(e as Error).message}`);
    }
  }
  if (!graph.topoSort()) throw fail('resource graph has cycles: not a dag');
  const name = typeof doc.graph === 'string' ? doc.graph : '';
  return { name, graph, warnings, collect: parseCollect(doc.collect, fail) };
}

function parseCollect(x: unknown, fail: (msg: string) => Error): YamlCollect[] {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x)) throw fail(`\`collect\` must be a list of {kind, pattern}, got ${describe(x)}`);
  return x.map((c, i) => {
    if (!isObj(c) || typeof c.kind !== 'string' || !getKind(c.kind)) throw fail(`collect[${i}] needs a \`kind\` that is a resource kind`);
    if (c.pattern !== undefined && typeof c.pattern !== 'string') throw fail(`collect[${i}].pattern must be a string`);
    return { kind: c.kind, pattern: c.pattern as string | undefined };
  });
}

