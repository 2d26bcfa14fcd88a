// The catalog: real resources, the containers that hold them (classes,
// defined-type instances, the main class and stage), and relationships.
// finish() resolves relationships to real resources the way Puppet's
// containment does (a relationship with a container means every resource
// inside it), checks for missing references and cycles, and adds the
// automatic edges Puppet would (parent directory before file).

import { evalError, PuppetError, puppetAt, type PSpan } from './errors.js';
import { PRef, refString, toJson, type PValue } from './values.js';

export interface Container {
  /** `class[main]`, `class[foo]`, `corpus::vhost[x]`, `stage[main]`. */
  key: string;
  type: string;
  title: string;
  /** Real resources declared directly in it. */
  resources: CResource[];
  /** Containers it contains (classes by `contain`, defined-type instances, classes in the stage). */
  children: Container[];
  span?: PSpan;
}

export interface CResource {
  type: string;
  title: string;
  /** Parameters as written (after evaluation), in declaration order; metaparams included until finish(). */
  params: Map<string, PValue>;
  span: PSpan;
  /** Where each attribute was written (those that came from defaults are not here). */
  attrSpans?: Map<string, PSpan>;
  container: Container;
  /** Resource defaults visible where it was declared, nearest first (applied in finish()). */
  defaults: Map<string, PValue>[];
}

export interface Relationship {
  from: PRef;
  to: PRef;
  notify: boolean;
  span?: PSpan;
  /** `require`/`before`/… when it came from a metaparameter. */
  param?: string;
  /** The resource that carried the metaparameter. */
  owner?: PRef;
}

export interface CEdge {
  from: CResource;
  to: CResource;
  notify: boolean;
}

/** Types whose name is unique (Puppet's isomorphic types); an exec's command may repeat. */
const ISOMORPHIC = new Set(['file', 'package', 'service', 'user', 'group', 'host', 'mount', 'ssh_authorized_key']);

export const RELATION_PARAMS = ['require', 'before', 'notify', 'subscribe'];

/** The parameter that names a resource (its uniqueness key), by type. */
export function namevar(type: string): string {
  return type === 'file' ? 'path' : type === 'exec' ? 'command' : 'name';
}

export class Catalog {
  readonly resources: CResource[] = [];
  readonly containers = new Map<string, Container>();
  readonly relationships: Relationship[] = [];
  edges: CEdge[] = [];
  autoedges: CEdge[] = [];
  /** Notices and warnings met while evaluating (notice(), warning()…). */
  readonly messages: string[] = [];
  private readonly byKey = new Map<string, CResource>();
  private readonly byName = new Map<string, CResource>();

  constructor(readonly node: string) {}

  container(type: string, title: string, span?: PSpan): Container {
    const key = `${type}[${title}]`;
    let c = this.containers.get(key);
    if (!c) {
      c = { key, type, title, resources: [], children: [], span };
      this.containers.set(key, c);
    }
    return c;
  }

  find(key: string): CResource | undefined {
    return this.byKey.get(key);
  }

  /** Adds a real resource; a second declaration of the same title or name is Puppet's "Duplicate declaration". */
  add(r: CResource): void {
    const key = `${r.type}[${r.title}]`;
    const have = this.byKey.get(key);
    if (have) {
      throw evalError(
        `Evaluation Error: Error while evaluating a Resource Statement, Duplicate declaration: ${refString(r.type, r.title)} is already declared at ${puppetAt(have.span, false)}; cannot redeclare ${puppetAt(r.span, false)} ${puppetAt(r.span)} on node ${this.node}`,
        r.span,
      );
    }
    const name = nameKey(r);
    const other = ISOMORPHIC.has(r.type) ? this.byName.get(name) : undefined;
    if (other) {
      throw evalError(
        `Evaluation Error: Cannot alias ${refString(r.type, r.title)} to ["${nameOf(r)}"]; resource ["${refString(other.type, '').slice(0, -2)}", "${nameOf(r)}"] already declared ${puppetAt(other.span, false)} ${puppetAt(r.span)} on node ${this.node}`,
        r.span,
      );
    }
    this.byKey.set(key, r);
    if (ISOMORPHIC.has(r.type)) this.byName.set(name, r);
    this.resources.push(r);
    r.container.resources.push(r);
  }

  /** A reference to a real resource (by title, else by name) or a container. */
  resolve(ref: PRef): CResource | Container | undefined {
    return this.byKey.get(ref.key) ?? this.byName.get(`${ref.type}\0${normName(ref.type, ref.title)}`) ?? this.containers.get(ref.key);
  }

  /** Applies defaults, turns relationship metaparameters into relationships, resolves and checks them. */
  finish(): void {
    for (const r of this.resources) {
      for (const layer of r.defaults) for (const [k, v] of layer) if (!r.params.has(k)) r.params.set(k, v);
      for (const [k, v] of [...r.params]) if (v === null) r.params.delete(k);
      const self = new PRef(r.type, r.title);
      for (const p of RELATION_PARAMS) {
        const v = r.params.get(p);
        if (v === undefined) continue;
        r.params.delete(p);
        for (const ref of refsIn(v, p, r.span)) {
          const forward = p === 'before' || p === 'notify';
          this.relationships.push({ from: forward ? self : ref, to: forward ? ref : self, notify: p === 'notify' || p === 'subscribe', span: r.span, param: p, owner: self });
        }
      }
    }
    const edges = new Map<string, CEdge>();
    for (const rel of this.relationships) {
      const from = this.endpoint(rel, rel.from);
      const to = this.endpoint(rel, rel.to);
      for (const a of from) {
        for (const b of to) {
          if (a === b) continue;
          const k = `${a.type}[${a.title}]\0${b.type}[${b.title}]`;
          const have = edges.get(k);
          if (have) have.notify ||= rel.notify;
          else edges.set(k, { from: a, to: b, notify: rel.notify });
        }
      }
    }
    this.edges = [...edges.values()];
    this.checkCycles();
    this.autoedges = this.fileAutoEdges(edges);
  }

  private endpoint(rel: Relationship, ref: PRef): CResource[] {
    const hit = this.resolve(ref);
    if (!hit) {
      const msg = rel.param
        ? `Could not find resource '${ref}' in parameter '${rel.param}' ${puppetAt(rel.span, false)} on node ${this.node}`
        : `Could not find resource '${ref}' for relationship from '${rel.from}' on node ${this.node}`;
      throw evalError(msg, rel.span);
    }
    return 'params' in hit ? [hit] : leaves(hit);
  }

  private checkCycles(): void {
    const adj = new Map<CResource, CResource[]>();
    for (const e of this.edges) adj.set(e.from, [...(adj.get(e.from) ?? []), e.to]);
    const state = new Map<CResource, 1 | 2>();
    const stack: CResource[] = [];
    const visit = (v: CResource): void => {
      state.set(v, 1);
      stack.push(v);
      for (const w of adj.get(v) ?? []) {
        if (state.get(w) === 1) {
          const cyc = [...stack.slice(stack.indexOf(w)), w].map((x) => refString(x.type, x.title));
          throw new PuppetError('error', 'graph', `Found 1 dependency cycle:\n(${cyc.join(' => ')})`, w.span);
        }
        if (!state.has(w)) visit(w);
      }
      stack.pop();
      state.set(v, 2);
    };
    for (const r of this.resources) if (!state.has(r)) visit(r);
  }

  /** Puppet's file autorequire: the nearest managed ancestor directory comes first. */
  private fileAutoEdges(explicit: Map<string, CEdge>): CEdge[] {
    const out: CEdge[] = [];
    for (const r of this.resources) {
      if (r.type !== 'file') continue;
      let p = normName('file', nameOf(r));
      while (p !== '/' && p.includes('/')) {
        p = p.slice(0, p.lastIndexOf('/')) || '/';
        const parent = this.byName.get(`file\0${p}`);
        if (parent) {
          const k = `file[${parent.title}]\0file[${r.title}]`;
          if (!explicit.has(k)) out.push({ from: parent, to: r, notify: false });
          break;
        }
      }
    }
    return out;
  }

  /** The `.expect` lines (see ../shared/puppet/README.md): resources, edges and autoedges, sorted. */
  expectLines(): string[] {
    const lines: string[] = [];
    for (const r of this.resources) lines.push(`resource ${r.type}[${r.title}] ${sortedJson(paramsJson(r))}`);
    for (const e of this.edges) lines.push(`edge ${e.from.type}[${e.from.title}] ${e.notify ? '~>' : '->'} ${e.to.type}[${e.to.title}]`);
    for (const e of this.autoedges) lines.push(`autoedge ${e.from.type}[${e.from.title}] -> ${e.to.type}[${e.to.title}]`);
    return lines.sort();
  }

  /** A JSON catalog close to Puppet's own (`puppet catalog compile --render-as json`). */
  json(): unknown {
    return {
      name: this.node,
      resources: this.resources.map((r) => ({
        type: refString(r.type, '').slice(0, -2),
        title: r.title,
        file: r.span.file,
        line: r.span.line,
        parameters: paramsJson(r),
      })),
      edges: this.edges.map((e) => ({ source: refString(e.from.type, e.from.title), target: refString(e.to.type, e.to.title), notify: e.notify })),
      autoedges: this.autoedges.map((e) => ({ source: refString(e.from.type, e.from.title), target: refString(e.to.type, e.to.title) })),
    };
  }
}

/** Every real resource inside a container, through nested containers. */
export function leaves(c: Container, seen = new Set<Container>()): CResource[] {
  if (seen.has(c)) return [];
  seen.add(c);
  return [...c.resources, ...c.children.flatMap((x) => leaves(x, seen))];
}

function refsIn(v: PValue, param: string, span: PSpan): PRef[] {
  if (v instanceof PRef) return [v];
  if (Array.isArray(v)) return v.flatMap((x) => refsIn(x, param, span));
  if (typeof v === 'string') {
    const m = /^([A-Za-z][\w:]*)\[(.*)\]$/s.exec(v);
    if (m) return [new PRef(m[1].toLowerCase(), m[2])];
  }
  throw evalError(`parameter '${param}' expects a resource reference, got ${JSON.stringify(toJson(v))}`, span);
}

export function nameOf(r: CResource): string {
  const v = r.params.get(namevar(r.type));
  return typeof v === 'string' ? v : r.title;
}

function normName(type: string, name: string): string {
  return type === 'file' && name.length > 1 ? name.replace(/\/+$/, '') || '/' : name;
}

const nameKey = (r: CResource): string => `${r.type}\0${normName(r.type, nameOf(r))}`;

function paramsJson(r: CResource): Record<string, unknown> {
  return Object.fromEntries([...r.params].map(([k, v]) => [k, toJson(v)]));
}

/** JSON with object keys sorted (stable, comparable lines). */
export function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
