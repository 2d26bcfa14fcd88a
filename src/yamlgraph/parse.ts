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

import { LangError } from '../lang/errors.js';
import { parseType } from '../lang/types/type.js';
import type { Type } from '../lang/types/type.js';
import { MapValue, StructValue, zeroValue } from '../lang/types/value.js';
import type { Value } from '../lang/types/value.js';
import { addAutoEdges } from '../engine/autoedge.js';
import { ResourceGraph } from '../engine/graph.js';
import type { Vertex } from '../engine/graph.js';
import { getKind, KINDS } from '../resources/index.js';
import { DEFAULT_META } from '../resources/kind.js';
import type { MetaParams } from '../resources/kind.js';
import { META_FIELDS, validateMeta } from '../resources/meta.js';
import { nearest } from '../lang/suggest.js';
import { fieldSpanIn, notOneOf } from '../lang/validate.js';
import { YamlPlaces } from './places.js';
import type { YamlPath } from './places.js';

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

/** A value that does not fit its param; `path` leads from the param to the offending element. */
export class YamlValueError extends Error {
  constructor(
    message: string,
    readonly path: YamlPath,
  ) {
    super(message);
  }
}

/** A YAML value as an mcl value of type `t`; throws a YamlValueError naming what was expected. */
export function toValue(x: unknown, t: Type, where: string, path: YamlPath = []): Value {
  const bad = (want: string) => new YamlValueError(`${where}: expected ${want}, got ${describe(x)}`, path);
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
      return x.map((e, i) => toValue(e, t.elem, `${where}[${i}]`, [...path, i]));
    case 'map': {
      if (!isObj(x)) throw bad('a mapping');
      const m = new MapValue();
      for (const [k, v] of Object.entries(x)) m.set(toValue(k, t.key, `${where} key ${k}`, [...path, k]), toValue(v, t.val, `${where}.${k}`, [...path, k]));
      return m;
    }
    case 'struct': {
      if (!isObj(x)) throw bad('a mapping');
      for (const k of Object.keys(x)) if (!t.fields.some((f) => f.name === k)) throw new YamlValueError(`${where}: no field \`${k}\` in ${where}`, [...path, k]);
      return new StructValue(t.fields.map((f) => [f.name, f.name in x ? toValue(x[f.name], f.type, `${where}.${f.name}`, [...path, f.name]) : zeroValue(f.type)]));
    }
    case 'variant':
      return inferValue(x, where, path);
    default:
      throw new YamlValueError(`${where}: this param cannot be set from YAML`, path);
  }
}

function inferValue(x: unknown, where: string, path: YamlPath): Value {
  if (typeof x === 'boolean' || typeof x === 'string') return x;
  if (typeof x === 'number') return Number.isInteger(x) ? BigInt(x) : x;
  if (Array.isArray(x)) return x.map((e, i) => inferValue(e, `${where}[${i}]`, [...path, i]));
  if (isObj(x)) return MapValue.from(Object.entries(x).map(([k, v]) => [k, inferValue(v, `${where}.${k}`, [...path, k])]));
  throw new YamlValueError(`${where}: has no value`, path);
}

function toMeta(x: unknown, where: string, warnings: string[], places: YamlPlaces, at: YamlPath): MetaParams {
  const meta: MetaParams = { ...DEFAULT_META, sema: [], export: [] };
  if (x === undefined || x === null) return meta;
  if (!isObj(x)) throw new YamlValueError(`${where}: meta must be a mapping, got ${describe(x)}`, []);
  for (const [k, v] of Object.entries(x)) {
    const f = META_FIELDS.find((m) => m.name === k);
    if (!f) {
      warnings.push(`${places.where([...at, k], 'key')}: ${where}: unknown meta param \`${k}\` (ignored)`);
      continue;
    }
    let val: Value;
    try {
      val = toValue(v, parseType(f.type), `${where}: meta ${k}`);
    } catch (e) {
      throw e instanceof YamlValueError ? new YamlValueError(e.message, [k, ...e.path]) : e;
    }
    (meta as unknown as Record<string, unknown>)[k] = typeof val === 'bigint' ? Number(val) : val;
  }
  const reason = validateMeta(meta);
  if (reason) throw new YamlValueError(`${where}: invalid meta param: ${reason}`, []);
  return meta;
}

/**
 * Parse a YAML graph; throws a LangError (errLexParse for YAML syntax,
 * errGraph / errValidate otherwise) whose span is the offending key or value.
 */
export function parseYamlGraph(text: string, file: string, opts: YamlOptions = {}): YamlGraph {
  const places = new YamlPlaces(text, file);
  const syntax = places.syntaxError();
  if (syntax) throw syntax;
  const fail = (msg: string, at: YamlPath = [], part: 'value' | 'key' = 'value', help?: string) =>
    new LangError('errGraph', msg, places.at(at, part) ?? places.span(0, 0), { help });
  let doc: unknown = places.doc.toJS();
  if (doc === null || doc === undefined) doc = {};
  if (!isObj(doc)) throw fail(`expected a mapping with \`graph\`, \`resources\` and \`edges\`, got ${describe(doc)}`);
  const warnings: string[] = [];
  for (const k of Object.keys(doc)) if (!TOP.includes(k)) warnings.push(`${places.where([k], 'key')}: unknown top-level key \`${k}\` (ignored)${hint(k, TOP)}`);
  const graph = new ResourceGraph();
  const resources = doc.resources ?? {};
  if (!isObj(resources)) throw fail(`\`resources\` must map kinds to lists, got ${describe(resources)}`, ['resources']);
  for (const [kindName, list] of Object.entries(resources)) {
    const kind = getKind(kindName);
    if (!kind) {
      const near = nearest(kindName, [...KINDS.keys()].filter((k) => !k.startsWith('_')));
      throw fail(`unknown resource kind \`${kindName}\``, ['resources', kindName], 'key', near && `did you mean \`${near}\`?`);
    }
    if (list === null) continue;
    if (!Array.isArray(list)) throw fail(`resources.${kindName} must be a list, got ${describe(list)}`, ['resources', kindName]);
    for (const [i, item] of list.entries()) {
      const at: YamlPath = ['resources', kindName, i];
      if (!isObj(item)) throw fail(`resources.${kindName}[${i}] must be a mapping, got ${describe(item)}`, at);
      if (typeof item.name !== 'string' || item.name === '') {
        throw fail(`resources.${kindName}[${i}] needs a \`name\`${item.name === undefined ? '' : `, got ${describe(item.name)}`}`, item.name === undefined ? at : [...at, 'name']);
      }
      // The seed's `@@name`: exported to every host, and run here only if collected here too.
      const exported = item.name.startsWith('@@');
      const name = exported ? item.name.slice(2) : item.name;
      if (name === '') throw fail(`resources.${kindName}[${i}] needs a name after \`@@\``, [...at, 'name']);
      const where = `${kindName}[${name}]`;
      if (graph.find(kindName, name)) throw fail(`duplicate resource ${where}`, [...at, 'name']);
      let v: Vertex;
      let param: YamlPath = at;
      try {
        const params = new Map<string, Value>();
        for (const [k, x] of Object.entries(item)) {
          if (k === 'name' || k === 'meta' || k === 'kind') continue;
          const p = kind.params.find((q) => q.name === k);
          if (!p) {
            warnings.push(`${places.where([...at, k], 'key')}: ${where}: unknown param \`${k}\` (ignored)${hint(k, kind.params.map((q) => q.name))}`);
            continue;
          }
          if (x === null && p.ptr) continue;
          param = [...at, k];
          params.set(k, toValue(x, parseType(p.type), `${where}: param ${k}`));
        }
        param = [...at, 'meta'];
        v = { kind: kindName, name, params, meta: toMeta(item.meta, where, warnings, places, param) };
        if (exported) {
          v.meta.hidden = true;
          if (!v.meta.export.length) v.meta.export = ['*'];
        }
      } catch (e) {
        if (!(e instanceof YamlValueError)) throw e;
        throw fail(e.message, [...param, ...e.path]);
      }
      if (!v.meta.hidden) {
        // The same words and place as mcl's: the param the reason is about, else the name.
        const one = notOneOf(kind, v);
        const reason = one?.reason ?? kind.validate?.(v);
        if (reason) {
          const set = new Map(Object.keys(item).map((k) => [k, places.at([...at, k], 'pair')!]));
          const nameSpan = places.at([...at, 'name'])!;
          throw new LangError('errValidate', `${where} did not Validate: ${reason}`, fieldSpanIn(kind, set, reason, nameSpan, one?.param) ?? nameSpan);
        }
      }
      graph.addVertex(v);
    }
  }
  const edges = doc.edges ?? [];
  if (!Array.isArray(edges)) throw fail(`\`edges\` must be a list, got ${describe(edges)}`, ['edges']);
  const lines: YamlPath[] = [];
  for (const [i, e] of edges.entries()) {
    const where = `edges[${i}]${isObj(e) && typeof e.name === 'string' ? ` (${e.name})` : ''}`;
    const at: YamlPath = ['edges', i];
    if (!isObj(e) || !isObj(e.from) || !isObj(e.to)) {
      const missing = isObj(e) ? (['from', 'to'] as const).find((k) => isObj(e[k]) === false && e[k] !== undefined) : undefined;
      throw fail(`${where} needs \`from\` and \`to\`, each with \`kind\` and \`name\``, missing ? [...at, missing] : at);
    }
    const end = (x: Record<string, unknown>, side: 'from' | 'to') => {
      const v = graph.find(String(x.kind), String(x.name));
      if (!v) {
        const noKind = !getKind(String(x.kind));
        throw fail(`${where}: no resource ${x.kind}[${x.name}]`, [...at, side, noKind ? 'kind' : 'name']);
      }
      return v;
    };
    graph.addEdge(end(e.from, 'from'), end(e.to, 'to'), e.notify === true);
    lines.push(at);
  }
  if (!opts.noAutoEdges) {
    try {
      addAutoEdges(graph);
    } catch (e) {
      throw new LangError('errAutoEdge', `the auto edges had errors: ${(e as Error).message}`, places.span(0, 0));
    }
  }
  if (!graph.topoSort()) {
    const closing = closingEdge(graph, edges as Record<string, Record<string, unknown>>[]);
    throw fail('resource graph has cycles: not a dag' + (closing === undefined ? '' : ': this edge closes one'), closing === undefined ? ['edges'] : ['edges', closing]);
  }
  const name = typeof doc.graph === 'string' ? doc.graph : '';
  return { name, graph, warnings, collect: parseCollect(doc.collect, fail) };
}

const TOP = ['graph', 'comment', 'resources', 'edges', 'collect'];

/** ` (did you mean \`x\`?)` for a near miss, else nothing. */
function hint(got: string, names: string[]): string {
  const near = nearest(got, names);
  return near ? ` (did you mean \`${near}\`?)` : '';
}

/** The index of the last YAML edge whose end leads back to its start: the one that closes a cycle, read top down. */
function closingEdge(graph: ResourceGraph, edges: Record<string, Record<string, unknown>>[]): number | undefined {
  const next = new Map<Vertex, Vertex[]>();
  for (const e of graph.edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const reaches = (from: Vertex, to: Vertex): boolean => {
    const seen = new Set<Vertex>();
    const todo = [from];
    for (let v = todo.pop(); v; v = todo.pop()) {
      if (v === to) return true;
      if (seen.has(v)) continue;
      seen.add(v);
      todo.push(...(next.get(v) ?? []));
    }
    return false;
  };
  for (let i = edges.length - 1; i >= 0; i--) {
    const e = edges[i];
    const from = graph.find(String(e.from.kind), String(e.from.name));
    const to = graph.find(String(e.to.kind), String(e.to.name));
    if (from && to && reaches(to, from)) return i;
  }
  return undefined;
}

function parseCollect(x: unknown, fail: (msg: string, at?: YamlPath) => Error): YamlCollect[] {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x)) throw fail(`\`collect\` must be a list of {kind, pattern}, got ${describe(x)}`, ['collect']);
  return x.map((c, i) => {
    if (!isObj(c) || typeof c.kind !== 'string' || !getKind(c.kind)) throw fail(`collect[${i}] needs a \`kind\` that is a resource kind`, ['collect', i]);
    if (c.pattern !== undefined && typeof c.pattern !== 'string') throw fail(`collect[${i}].pattern must be a string`, ['collect', i, 'pattern']);
    return { kind: c.kind, pattern: c.pattern as string | undefined };
  });
}
