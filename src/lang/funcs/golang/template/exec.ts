// The executor of Go's text/template (with missingkey=error): walks a parsed
// tree against template data and writes the output, with Go's execution error
// texts: `template: NAME:LINE:COL: executing "NAME" at <NODE>: MESSAGE`.

import { goQuote } from '../../../types/value.js';
import { fromTemplate, goTypeName, goTypeOf, TFunc, TMap, TRecord, type Param, type TV } from './data.js';
import { BUILTINS, truth } from './funcs.js';
import { formatArg } from './gofmt.js';
import { nodeString } from './nodes.js';
import type { ChainNode, CommandNode, FieldNode, IdentifierNode, Node, NumberNode, PipeNode, RangeNode, TemplateNode, VariableNode } from './nodes.js';
import type { TreeSet } from './parser.js';

export class ExecError extends Error {}

/** Marks "no value piped in" (Go's missingVal), distinct from nil. */
const MISSING: unique symbol = Symbol('missing');
type Final = TV | typeof MISSING;

class BreakSignal {}
class ContinueSignal {}
const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();

const ANY: Param = { k: 'any' };
const MAX_DEPTH = 100000;

export interface ExecOptions {
  /** The source text, for line:column in error messages. */
  text: string;
  /** The name the template was parsed under (`template`). */
  parseName: string;
  /** Functions beyond the builtins (user functions win, as in Go). */
  funcs: (name: string) => TFunc | undefined;
}

/** Execute template `name` of `trees` on `data`; returns the output. */
export function execute(trees: TreeSet, name: string, data: TV, opts: ExecOptions): string {
  const root = trees.get(name);
  const st = new State(trees, name, opts, [{ name: '$', value: data }], 0);
  if (!root) st.errorf(`${goQuote(name)} is an incomplete or empty template`);
  st.walk(data, root!);
  return st.out.join('');
}

interface Variable {
  name: string;
  value: TV;
}

class State {
  node: Node | null = null;
  out: string[] = [];

  constructor(
    private readonly trees: TreeSet,
    private readonly tmplName: string,
    private readonly opts: ExecOptions,
    private vars: Variable[],
    private readonly depth: number,
    out?: string[],
  ) {
    if (out) this.out = out;
  }

  private at(n: Node): void {
    this.node = n;
  }

  errorf(msg: string): never {
    const name = this.tmplName;
    if (!this.node) throw new ExecError(`template: ${name}: ${msg}`);
    const [location, context] = this.errorContext(this.node);
    throw new ExecError(`template: ${location}: executing ${goQuote(name)} at <${context}>: ${msg}`);
  }

  // Go's Tree.ErrorContext: byte column within the line, node text cut at 20.
  private errorContext(n: Node): [string, string] {
    const text = this.opts.text.slice(0, n.pos);
    const nl = text.lastIndexOf('\n');
    const col = Buffer.byteLength(nl === -1 ? text : text.slice(nl + 1), 'utf8');
    const line = 1 + (text.match(/\n/g)?.length ?? 0);
    let context = nodeString(n);
    if (Buffer.byteLength(context, 'utf8') > 20) context = [...context].slice(0, 20).join('') + '...';
    return [`${this.opts.parseName}:${line}:${col}`, context];
  }

  // ---- variables ----
  private mark(): number {
    return this.vars.length;
  }
  private pop(mark: number): void {
    this.vars.length = mark;
  }
  private push(name: string, value: TV): void {
    this.vars.push({ name, value });
  }
  private setVar(name: string, value: TV): void {
    for (let i = this.vars.length - 1; i >= 0; i--)
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    this.errorf(`undefined variable: ${name}`);
  }
  private setTopVar(n: number, value: TV): void {
    this.vars[this.vars.length - n].value = value;
  }
  private varValue(name: string): TV {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }

  // ---- walking ----
  walk(dot: TV, node: Node): void {
    this.at(node);
    switch (node.t) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'comment':
        return;
      case 'if':
      case 'with': {
        const mark = this.mark();
        const val = this.evalPipeline(dot, node.pipe);
        if (truth(val)) this.walk(node.t === 'with' ? val : dot, node.list);
        else if (node.elseList) this.walk(dot, node.elseList);
        this.pop(mark);
        return;
      }
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.out.push(node.text);
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private printValue(n: Node, v: TV): void {
    this.at(n);
    if (v instanceof TFunc) this.errorf(`can't print ${nodeString(n)} of type ${goTypeName(v)}`);
    this.out.push(v === null ? '<no value>' : formatArg(v, 'v', { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false }));
  }

  private walkRange(dot: TV, r: RangeNode): void {
    this.at(r);
    const outer = this.mark();
    const val = this.evalPipeline(dot, r.pipe);
    const mark = this.mark();
    const decl = r.pipe.decl;
    const oneIteration = (index: TV, elem: TV): boolean => {
      if (decl.length > 0) {
        if (r.pipe.isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem);
        else this.setTopVar(1, elem);
      }
      if (decl.length > 1) {
        if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem);
        else this.setTopVar(2, index);
      }
      try {
        this.walk(elem, r.list);
      } catch (e) {
        if (e === BREAK) return false;
        if (e !== CONTINUE) throw e;
      } finally {
        this.pop(mark);
      }
      return true;
    };
    let ran = false;
    if (Array.isArray(val)) {
      for (let i = 0; i < val.length; i++) {
        ran = true;
        if (!oneIteration(BigInt(i), val[i])) break;
      }
    } else if (val instanceof TMap) {
      for (const e of val.sorted()) {
        ran = true;
        if (!oneIteration(e.key, e.value)) break;
      }
    } else if (typeof val === 'bigint') {
      if (decl.length > 1) this.errorf(`can't use ${formatV(val)} to iterate over more than one variable`);
      for (let i = 0n; i < val; i++) {
        ran = true;
        if (!oneIteration(i, i)) break;
      }
    } else if (val !== null) {
      this.errorf(`range can't iterate over ${formatV(val)}`);
    }
    if (!ran && r.elseList) this.walk(dot, r.elseList);
    this.pop(outer);
  }

  private walkTemplate(dot: TV, t: TemplateNode): void {
    this.at(t);
    const tree = this.trees.get(t.name);
    if (!tree) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth === MAX_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
    const newDot = this.evalPipeline(dot, t.pipe);
    // No dynamic scoping: the called template sees only `$`.
    const st = new State(this.trees, t.name, this.opts, [{ name: '$', value: newDot }], this.depth + 1, this.out);
    try {
      st.walk(newDot, tree!);
    } catch (e) {
      // JS runs out of stack long before Go's depth limit; report it the same way.
      if (e instanceof RangeError) {
        this.at(t);
        this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
      }
      throw e;
    }
  }

  // ---- evaluation ----
  private evalPipeline(dot: TV, pipe: PipeNode | null): TV {
    if (!pipe) return null;
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    const v = value === MISSING ? null : value;
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.ident[0], v);
      else this.push(d.ident[0], v);
    }
    return v;
  }

  private notAFunction(args: Node[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  private evalCommand(dot: TV, cmd: CommandNode, final: Final): TV {
    const first = cmd.args[0];
    switch (first.t) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.t) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // falls through (errorf never returns)
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }

  private idealConstant(n: NumberNode): TV {
    this.at(n);
    const isHexInt = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !isHexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return n.float;
    if (n.isInt) return n.int;
    this.errorf(`${n.text} overflows int`);
  }

  private evalFieldNode(dot: TV, field: FieldNode, args: Node[] | null, final: Final): TV {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: TV, chain: ChainNode, args: Node[] | null, final: Final): TV {
    this.at(chain);
    if (chain.node.t === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: TV, v: VariableNode, args: Node[] | null, final: Final): TV {
    this.at(v);
    const value = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args ?? [v], final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: TV, receiver: TV, node: Node, ident: string[], args: Node[] | null, final: Final): TV {
    let inIface = false;
    for (let i = 0; i < ident.length - 1; i++) {
      receiver = this.evalField(ident[i], node, null, MISSING, receiver, inIface);
      inIface = true;
    }
    return this.evalField(ident[ident.length - 1], node, args, final, receiver, inIface);
  }

  private evalField(name: string, node: Node, args: Node[] | null, final: Final, receiver: TV, inIface: boolean): TV {
    if (receiver === null) this.errorf(`nil data; no entry for key ${goQuote(name)}`);
    const hasArgs = (args?.length ?? 0) > 1 || final !== MISSING;
    if (receiver instanceof TRecord) {
      const v = receiver.get(name);
      if (v !== undefined) {
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return v;
      }
    } else if (receiver instanceof TMap && (receiver.keyType === 'string' || receiver.keyType === 'interface {}')) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      const v = receiver.get(name);
      if (v === undefined) this.errorf(`map has no entry for key ${goQuote(name)}`);
      return v;
    }
    this.errorf(`can't evaluate field ${name} in type ${inIface ? 'interface {}' : goTypeName(receiver)}`);
  }

  private evalFunction(dot: TV, node: IdentifierNode, cmd: Node, args: Node[] | null, final: Final): TV {
    this.at(node);
    const name = node.ident;
    const user = this.opts.funcs(name);
    const fn = user ?? BUILTINS.get(name);
    if (!fn) this.errorf(`${goQuote(name)} is not a defined function`);
    return this.evalCall(dot, fn, !user, cmd, name, args, final);
  }

  private evalCall(dot: TV, fn: TFunc, isBuiltin: boolean, node: Node, name: string, argNodes: Node[] | null, final: Final): TV {
    const args = argNodes ? argNodes.slice(1) : [];
    const nParams = fn.params.length;
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    let numFixed = args.length;
    if (fn.variadic) {
      numFixed = nParams - 1;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${nParams - 1} got ${args.length}`);
    } else if (numIn !== nParams) {
      this.errorf(`wrong number of args for ${name}: want ${nParams} got ${numIn}`);
    }
    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: TV = null;
      for (const a of args) {
        v = this.evalArg(dot, ANY, a);
        if (truth(v) === (name === 'or')) return v;
      }
      return final !== MISSING ? final : v;
    }
    const argv: TV[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fn.params[i], args[i]));
    if (fn.variadic) for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.params[nParams - 1], args[i]));
    if (final !== MISSING) {
      let p = fn.params[nParams - 1];
      if (fn.variadic && numIn - 1 < numFixed) p = fn.params[numIn - 1];
      argv.push(this.validateType(final, p));
    }
    let callee = fn;
    if (isBuiltin && name === 'call') {
      const [target, ...rest] = argv;
      callee = new TFunc('call', [], true, () => callValue(nodeString(args[0]), target, rest));
    }
    try {
      return callee.call(argv);
    } catch (e) {
      if (e instanceof ExecError) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  /** Go's validateType: does a computed value fit the parameter? */
  private validateType(v: TV, p: Param | null): TV {
    if (!p || p.k === 'any') return v;
    if (p.k === 'string') {
      if (v === null) this.errorf('invalid value; expected string');
      if (typeof v !== 'string') this.errorf(`wrong type for value; expected string; got ${goTypeName(v)}`);
      return v;
    }
    if (v === null) {
      // nil becomes the zero value of types that can be nil.
      if (p.type.k === 'list') return [];
      if (p.type.k === 'map') return new TMap('string');
      this.errorf(`invalid value; expected ${goTypeOf(p.type)}`);
    }
    try {
      fromTemplate(v, p.type);
    } catch (e) {
      this.errorf((e as Error).message);
    }
    return v;
  }

  private evalArg(dot: TV, p: Param | null, n: Node): TV {
    this.at(n);
    switch (n.t) {
      case 'dot':
        return this.validateType(dot, p);
      case 'nil':
        if (!p || p.k === 'any') return null;
        if (p.k === 'mcl' && p.type.k === 'list') return [];
        if (p.k === 'mcl' && p.type.k === 'map') return new TMap('string');
        this.errorf(`cannot assign nil to ${p.k === 'string' ? 'string' : goTypeOf(p.type)}`);
      // falls through (errorf never returns)
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), p);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), p);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), p);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), p);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, null, MISSING), p);
    }
    if (!p || p.k === 'any') {
      switch (n.t) {
        case 'bool':
          return n.value;
        case 'number':
          return this.idealConstant(n);
        case 'string':
          return n.text;
      }
      this.errorf(`can't handle ${nodeString(n)} for arg of type interface {}`);
    }
    const kind = p.k === 'string' ? 'str' : p.type.k;
    switch (kind) {
      case 'bool':
        if (n.t === 'bool') return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
      // falls through (errorf never returns)
      case 'str':
        if (n.t === 'string') return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
      // falls through
      case 'int':
        if (n.t === 'number' && n.isInt) return n.int;
        this.errorf(`expected integer; found ${nodeString(n)}`);
      // falls through
      case 'float':
        if (n.t === 'number' && n.isFloat) return n.float;
        this.errorf(`expected float; found ${nodeString(n)}`);
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${p.k === 'mcl' ? goTypeOf(p.type) : 'string'}`);
  }
}

const formatV = (v: TV): string =>
  formatArg(v, 'v', { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false });

/** The `call` builtin: call a function value with arguments. */
function callValue(name: string, fn: TV, args: TV[]): TV {
  if (fn === null) throw new Error('call of nil');
  if (!(fn instanceof TFunc)) throw new Error(`non-function ${name} of type ${goTypeName(fn)}`);
  const n = fn.params.length;
  if (fn.variadic && args.length < n - 1) throw new Error(`wrong number of args for ${name}: got ${args.length} want at least ${n - 1}`);
  if (!fn.variadic && args.length !== n) throw new Error(`wrong number of args for ${name}: got ${args.length} want ${n}`);
  args.forEach((a, i) => {
    const p = fn.params[Math.min(i, n - 1)];
    if (p?.k === 'mcl') {
      try {
        fromTemplate(a, p.type);
      } catch {
        throw new Error(`arg ${i}: value has type ${goTypeName(a)}; should be ${goTypeOf(p.type)}`);
      }
    }
  });
  return fn.call(args);
}
