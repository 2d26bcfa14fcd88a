// SetScope's ordering checks, done statically over the whole tree (used or
// not): a name defined twice in one block, and reference cycles between the
// statements of a block (which is also how every kind of recursion is caught).
// Statement order itself never matters: SetScope resolves names lazily.

import type { Block, Expr, Program, Stmt, Param, ExprFunc } from './ast.js';
import { byline, LangError } from './errors.js';
import type { Span } from './errors.js';

/** One lexical level: a block's definitions, or the params of a function or loop. */
interface Level {
  names: Map<string, number>; // name id → index of the defining statement (-1 for params)
  block?: BlockInfo;
}

interface BlockInfo {
  stmts: Stmt[];
  /** Index of the statement currently being walked. */
  current: number;
  /** edges[i] = statements that statement i uses, with the span of the first use. */
  edges: Map<number, Span>[];
}

/** The id under which a statement defines a name, e.g. `var:x`; undefined if it defines none. */
export function definedName(s: Stmt): string | undefined {
  switch (s.kind) {
    case 'bind':
      return `var:${s.name}`;
    case 'func':
      return `func:${s.name}`;
    case 'class':
      return `class:${s.name}`;
    case 'import':
      if (s.alias === '*') return undefined;
      return `scoped:${s.alias ?? s.name}`;
    case 'include':
      return s.alias ? `scoped:${s.alias}` : undefined;
    default:
      return undefined;
  }
}

/** The short form upstream uses in `have: …`. */
function shortForm(s: Stmt): string {
  switch (s.kind) {
    case 'bind':
      return `bind(${s.name})`;
    case 'func':
      return `func(${s.name})`;
    case 'class':
      return `class(${s.name})`;
    case 'import':
      return `import(${s.name})`;
    case 'include':
      return `include(${s.name})`;
    default:
      return s.kind;
  }
}

/** The import alias a default `import "x"` gets (used to resolve `x.f()` to its import). */
export function importAlias(name: string): string {
  let n = name.replace(/\/+$/, '');
  if (n.endsWith('.mcl')) n = n.slice(0, -4);
  const seg = n.split('/').pop() ?? n;
  if (/^[a-z]+:\/\//.test(name)) return seg.replace(/^mgmt-/, '').replace(/-/g, '_').toLowerCase();
  return seg;
}

function nestedBlocks(s: Stmt): Block[] {
  switch (s.kind) {
    case 'if':
      return s.else ? [s.then, s.else] : [s.then];
    case 'for':
    case 'forkv':
    case 'class':
      return [s.body];
    default:
      return [];
  }
}

function checkDuplicates(stmts: Stmt[]): LangError | undefined {
  const seen = new Map<string, Stmt>();
  for (const s of stmts) {
    const id = definedName(s);
    if (!id || id.startsWith('class:')) continue; // duplicate classes are an Interpolate error
    const have = seen.get(id);
    if (have) {
      return new LangError('errSetScope', `could not generate ordering: duplicate assignment to \`${id}\`, have: ${shortForm(have)}`, s.span);
    }
    seen.set(id, s);
  }
  for (const s of stmts) {
    for (const b of nestedBlocks(s)) {
      const e = checkDuplicates(b.body);
      if (e) return e;
    }
  }
  return undefined;
}

class CycleFinder {
  private readonly chain: Level[] = [];
  private readonly blocks: BlockInfo[] = [];

  walkBlock(stmts: Stmt[], extra?: Level): void {
    if (extra) this.chain.push(extra);
    const info: BlockInfo = { stmts, current: 0, edges: stmts.map(() => new Map()) };
    const names = new Map<string, number>();
    stmts.forEach((s, i) => {
      const id = definedName(s);
      if (id && !names.has(id)) names.set(id, i);
    });
    this.chain.push({ names, block: info });
    this.blocks.push(info);
    stmts.forEach((s, i) => {
      info.current = i;
      this.walkStmt(s);
    });
    this.chain.pop();
    if (extra) this.chain.pop();
  }

  /** Resolve a use to the innermost level defining it and record the dependency. */
  private use(ids: string[], span: Span): void {
    for (let i = this.chain.length - 1; i >= 0; i--) {
      const lvl = this.chain[i];
      for (const id of ids) {
        const def = lvl.names.get(id);
        if (def === undefined) continue;
        if (lvl.block && def >= 0) {
          const from = lvl.block.edges[lvl.block.current];
          if (!from.has(def)) from.set(def, span);
        }
        return;
      }
    }
  }

  private useName(prefix: 'var' | 'func' | 'class', name: string, span: Span): void {
    const ids = [`${prefix}:${name}`];
    const dot = name.indexOf('.');
    if (dot > 0) ids.push(`scoped:${name.slice(0, dot)}`);
    this.use(ids, span);
  }

  private params(ps: Param[]): Level {
    return { names: new Map(ps.map((p) => [`var:${p.name}`, -1])) };
  }

  private walkStmt(s: Stmt): void {
    switch (s.kind) {
      case 'bind':
        return this.walkExpr(s.value);
      case 'res':
        this.walkExpr(s.name);
        for (const it of s.items) {
          if (it.cond) this.walkExpr(it.cond);
          if (it.kind === 'edgeprop') this.walkExpr(it.half.name);
          else this.walkExpr(it.value);
        }
        return;
      case 'edge':
        for (const h of s.halves) this.walkExpr(h.name);
        return;
      case 'if':
        this.walkExpr(s.cond);
        this.walkBlock(s.then.body);
        if (s.else) this.walkBlock(s.else.body);
        return;
      case 'for':
      case 'forkv': {
        this.walkExpr(s.expr);
        const a = s.kind === 'for' ? s.index : s.key;
        this.walkBlock(s.body.body, { names: new Map([[`var:${a}`, -1], [`var:${s.value}`, -1]]) });
        return;
      }
      case 'func':
        return this.walkFunc(s.func);
      case 'class':
        this.walkBlock(s.body.body, this.params(s.params ?? []));
        return;
      case 'include':
        this.useName('class', s.name, s.span);
        for (const a of s.args ?? []) this.walkExpr(a);
        return;
      case 'panic':
        for (const a of s.args) this.walkExpr(a);
        return;
      case 'import':
        return;
    }
  }

  private walkFunc(f: ExprFunc): void {
    this.chain.push(this.params(f.params));
    this.walkExpr(f.body);
    this.chain.pop();
  }

  private walkExpr(e: Expr): void {
    switch (e.kind) {
      case 'bool':
      case 'str':
      case 'int':
      case 'float':
        return;
      case 'interp':
        for (const p of e.parts) if (typeof p !== 'string') this.useName('var', p.name, p.span);
        return;
      case 'list':
        for (const x of e.elems) this.walkExpr(x);
        return;
      case 'map':
        for (const x of e.entries) {
          this.walkExpr(x.key);
          this.walkExpr(x.value);
        }
        return;
      case 'struct':
        for (const x of e.fields) this.walkExpr(x.value);
        return;
      case 'func':
        return this.walkFunc(e);
      case 'call':
        if (e.callee.kind === 'name') this.useName('func', e.callee.name, e.span);
        else if (e.callee.kind === 'var') this.useName('var', e.callee.name, e.span);
        else this.walkFunc(e.callee.func);
        for (const a of e.args) this.walkExpr(a);
        return;
      case 'var':
        return this.useName('var', e.name, e.span);
      case 'ifexpr':
        this.walkExpr(e.cond);
        this.walkExpr(e.then);
        this.walkExpr(e.else);
        return;
      case 'binary':
        this.walkExpr(e.left);
        this.walkExpr(e.right);
        return;
      case 'not':
        return this.walkExpr(e.expr);
      case 'index':
        this.walkExpr(e.obj);
        this.walkExpr(e.index);
        return;
      case 'field':
        this.walkExpr(e.obj);
        if (e.def) this.walkExpr(e.def);
        return;
      case 'except':
        this.walkExpr(e.left);
        this.walkExpr(e.right);
        return;
    }
  }

  /** The first cycle in any block, as upstream reports it. */
  findCycle(): LangError | undefined {
    for (const b of this.blocks) {
      const state = new Array<number>(b.stmts.length).fill(0); // 0 new, 1 on stack, 2 done
      const stack: number[] = [];
      const dfs = (i: number): number[] | undefined => {
        state[i] = 1;
        stack.push(i);
        for (const j of [...b.edges[i].keys()].sort((x, y) => x - y)) {
          if (state[j] === 1) return stack.slice(stack.indexOf(j));
          if (state[j] === 0) {
            const c = dfs(j);
            if (c) return c;
          }
        }
        stack.pop();
        state[i] = 2;
        return undefined;
      };
      for (let i = 0; i < b.stmts.length; i++) {
        if (state[i] !== 0) continue;
        const cycle = dfs(i);
        if (!cycle) continue;
        const spans = cycle.map((from, n) => b.edges[from].get(cycle[(n + 1) % cycle.length])!);
        spans.sort((x, y) => x.start - y.start);
        return new LangError('errSetScope', `recursive reference while setting scope: not a dag: ${spans.map(byline).join(', ')}`, spans[0], {
          inlineByline: true,
        });
      }
    }
    return undefined;
  }
}

/**
 * The name checks of one block's imports, in statement order: a name imported
 * twice, a name that is not valid, an alias used twice. Upstream's SetScope
 * makes them on a program's imports before it orders its statements, so they
 * win over a duplicate assignment (`import "fmt"` twice is about the import).
 * scope.ts makes the same checks again as it loads each import (for nested
 * blocks, and in upstream's order there: one import loaded before the next is
 * checked; here a top-block import that fails to load loses to a later bad name).
 */
export function checkImportNames(stmts: Stmt[]): LangError | undefined {
  const names = new Set<string>();
  const aliases = new Set<string>();
  for (const s of stmts) {
    if (s.kind !== 'import') continue;
    const err = (msg: string) => new LangError('errSetScope', msg, s.span);
    if (names.has(s.name)) return err(`import \`${s.name}\` already exists in this scope`);
    names.add(s.name);
    if (s.name.startsWith('/')) return err(`import \`${s.name}\` is not valid: absolute paths are not allowed`);
    if (s.name === '' || /\s/.test(s.name)) return err(`import \`${s.name}\` is not valid`);
    const alias = s.alias ?? importAlias(s.name);
    if (alias === '*') continue;
    if (aliases.has(alias)) return err(`import alias \`${alias}\` already exists in this scope`);
    aliases.add(alias);
  }
  return undefined;
}

/** The top block's import names, then duplicates (block by block), then cycles. */
export function checkOrdering(prog: Program): LangError | undefined {
  const imp = checkImportNames(prog.body);
  if (imp) return imp;
  const dup = checkDuplicates(prog.body);
  if (dup) return dup;
  const finder = new CycleFinder();
  finder.walkBlock(prog.body);
  return finder.findCycle();
}
