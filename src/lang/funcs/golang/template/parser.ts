// The parser of Go's text/template: items from the lexer become a tree per
// template (the main one plus every `define` and `block`), with Go's parse
// error texts (`template: NAME:LINE: function "x" not defined`).

import { lex, itemString, type Item, type ItemType } from './lexer.js';
import { unquote, unquoteRune } from './unquote.js';
import { nodeString } from './nodes.js';
import type {
  CommandNode,
  ElseNode,
  EndNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  TemplateNode,
  VariableNode,
} from './nodes.js';

export class ParseError extends Error {}

/** All templates of one parse, by name; the main one is under the parse name. */
export type TreeSet = Map<string, ListNode>;

/**
 * Parse `text` as the template `name`. `hasFunction` says which function names
 * exist (Go checks them at parse time).
 */
export function parse(name: string, text: string, hasFunction: (n: string) => boolean): TreeSet {
  const set: TreeSet = new Map();
  const items = lex(text);
  const src = new ItemSource(items);
  const p = new Parser(name, name, src, set, hasFunction);
  p.parseMain();
  return set;
}

/** The shared stream of items, read by the main parser and those of `define`s. */
class ItemSource {
  private i = 0;
  constructor(private readonly items: Item[]) {}
  nextItem(): Item {
    const it = this.items[this.i];
    if (this.i < this.items.length - 1) this.i++;
    return it;
  }
}

const isEmptyTree = (n: Node): boolean => {
  switch (n.t) {
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return n.text.trim() === '';
    case 'comment':
      return true;
    default:
      return false;
  }
};

class Parser {
  // Go's three-item look-ahead buffer: token[0] is the last item read from the lexer.
  private token: Item[] = [];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;
  root: ListNode = { t: 'list', pos: 0, nodes: [] };

  constructor(
    private name: string,
    private readonly parseName: string,
    private readonly src: ItemSource,
    private readonly set: TreeSet,
    private readonly hasFunction: (n: string) => boolean,
  ) {}

  // ---- token buffer ----
  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.src.nextItem();
    return this.token[this.peekCount];
  }
  private backup(): void {
    this.peekCount++;
  }
  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.src.nextItem();
    return this.token[0];
  }
  private nextNonSpace(): Item {
    let t: Item;
    do t = this.next();
    while (t.typ === 'space');
    return t;
  }
  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  // ---- errors ----
  private errorf(msg: string): never {
    throw new ParseError(`template: ${this.parseName}:${this.token[0]?.line ?? 1}: ${msg}`);
  }
  private expect(typ: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== typ) this.unexpected(t, context);
    return t;
  }
  private expectOneOf(a: ItemType, b: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== a && t.typ !== b) this.unexpected(t, context);
    return t;
  }
  private unexpected(t: Item, context: string): never {
    if (t.typ === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${t.val}${extra}`);
    }
    this.errorf(`unexpected ${itemString(t)} in ${context}`);
  }

  // ---- structure ----
  parseMain(): void {
    this.root = { t: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== 'eof') {
      if (this.peek().typ === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().typ === 'define') {
          const sub = new Parser('definition', this.parseName, this.src, this.set, this.hasFunction);
          sub.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.t === 'end' || n.t === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      this.root.nodes.push(n);
    }
    this.add();
  }

  private add(): void {
    const have = this.set.get(this.name);
    if (!have || isEmptyTree(have)) {
      this.set.set(this.name, this.root);
      return;
    }
    if (!isEmptyTree(this.root)) this.errorf(`template: multiple definition of template ${JSON.stringify(this.name)}`);
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf('string', 'rawString', context);
    this.name = this.unquoteOrFail(name.val);
    this.expect('rightDelim', context);
    const [list, end] = this.itemList();
    if (end.t !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.root = list;
    this.add();
  }

  private unquoteOrFail(s: string): string {
    try {
      return unquote(s);
    } catch (e) {
      this.errorf((e as Error).message);
    }
  }

  private itemList(): [ListNode, EndNode | ElseNode] {
    const list: ListNode = { t: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== 'eof') {
      const n = this.textOrAction();
      if (n.t === 'end' || n.t === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'text':
        return { t: 'text', pos: token.pos, text: token.val };
      case 'leftDelim': {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      case 'comment':
        return { t: 'comment', pos: token.pos, text: token.val };
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue': {
        const t = this.nextNonSpace();
        if (t.typ !== 'rightDelim') this.unexpected(t, `{{${token.typ}}}`);
        if (this.rangeDepth === 0) this.errorf(`{{${token.typ}}} outside {{range}}`);
        return { t: token.typ, pos: token.pos, line: token.line };
      }
      case 'else':
        return this.elseControl();
      case 'end':
        return { t: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
      case 'range':
      case 'with': {
        const [pos, line, pipe, list, elseList] = this.parseControl(token.typ);
        return { t: token.typ, pos, line, pipe, list, elseList };
      }
      case 'template':
        return this.templateControl();
    }
    this.backup();
    const t = this.peek();
    return { t: 'action', pos: t.pos, line: t.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  private parseControl(context: 'if' | 'range' | 'with'): [number, number, PipeNode, ListNode, ListNode | null] {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.t === 'else') {
        // `{{else if x}}` / `{{else with x}}` nest a new if/with that shares our {{end}}.
        if ((context === 'if' || context === 'with') && this.peek().typ === context) {
          const kw = this.next();
          elseList = { t: 'list', pos: next.pos, nodes: [] };
          const [pos, line, p2, l2, e2] = this.parseControl(context);
          elseList.nodes.push({ t: kw.typ as 'if' | 'with', pos, line, pipe: p2, list: l2, elseList: e2 });
        } else {
          [elseList, next] = this.itemList();
          if (next.t !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return [pipe.pos, pipe.line, pipe, list, elseList];
    } finally {
      this.vars.length = mark;
    }
  }

  private elseControl(): ElseNode {
    const peek = this.peekNonSpace();
    if (peek.typ === 'if' || peek.typ === 'with') return { t: 'else', pos: peek.pos, line: peek.line };
    const token = this.expect('rightDelim', 'else');
    return { t: 'else', pos: token.pos, line: token.line };
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const block = new Parser(name, this.parseName, this.src, this.set, this.hasFunction);
    const [list, end] = block.itemList();
    if (end.t !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.root = list;
    block.add();
    return { t: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { t: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.typ === 'string' || token.typ === 'rawString') return this.unquoteOrFail(token.val);
    this.unexpected(token, context);
  }

  // ---- pipelines ----
  private pipeline(context: string, end: ItemType): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = { t: 'pipe', pos: token.pos, line: token.line, isAssign: false, decl: [], cmds: [] };
    const newVar = (it: Item): VariableNode => ({ t: 'variable', pos: it.pos, ident: it.val.split('.') });
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === 'assign' || next.typ === 'declare') {
        pipe.isAssign = next.typ === 'assign';
        this.nextNonSpace();
        pipe.decl.push(newVar(v));
        this.vars.push(v.val);
      } else if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(newVar(v));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().typ;
          if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') continue decls;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.typ === 'space') {
        this.backup3(v, tokenAfterVariable);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      switch (token.typ) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const k = c.args[0].t;
      if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string')
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { t: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === 'space') continue;
      if (token.typ === 'rightDelim' || token.typ === 'rightParen') this.backup();
      else if (token.typ !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | null {
    let node = this.term();
    if (!node) return null;
    if (this.peek().typ === 'field') {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
      switch (node.t) {
        case 'field':
          node = { t: 'field', pos, ident: [...node.ident, ...fields] };
          break;
        case 'variable':
          node = { t: 'variable', pos, ident: [...node.ident, ...fields] };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
        // falls through (errorf never returns)
        default:
          node = { t: 'chain', pos, node, field: fields };
      }
    }
    return node;
  }

  private term(): Node | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'identifier':
        if (!this.hasFunction(token.val)) this.errorf(`function ${JSON.stringify(token.val)} not defined`);
        return { t: 'identifier', pos: token.pos, ident: token.val };
      case 'dot':
        return { t: 'dot', pos: token.pos };
      case 'nil':
        return { t: 'nil', pos: token.pos };
      case 'variable':
        return this.useVar(token);
      case 'field':
        return { t: 'field', pos: token.pos, ident: [token.val.slice(1)] };
      case 'bool':
        return { t: 'bool', pos: token.pos, value: token.val === 'true' };
      case 'charConstant':
      case 'number':
      case 'complex':
        return this.newNumber(token);
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return { t: 'string', pos: token.pos, quoted: token.val, text: this.unquoteOrFail(token.val) };
    }
    this.backup();
    return null;
  }

  private useVar(token: Item): VariableNode {
    const ident = token.val.split('.');
    if (!this.vars.includes(ident[0])) this.errorf(`undefined variable ${JSON.stringify(ident[0])}`);
    return { t: 'variable', pos: token.pos, ident };
  }

  private newNumber(token: Item): NumberNode {
    const text = token.val;
    const n: NumberNode = { t: 'number', pos: token.pos, text, isInt: false, isFloat: false, int: 0n, float: 0 };
    if (token.typ === 'charConstant') {
      let r: number;
      try {
        r = unquoteRune(text);
      } catch (e) {
        this.errorf((e as Error).message);
      }
      return { ...n, isInt: true, isFloat: true, int: BigInt(r), float: r };
    }
    if (token.typ === 'complex' || text.endsWith('i')) this.errorf(`complex numbers are not supported: ${JSON.stringify(text)}`);
    const i = parseGoInt(text);
    if (i !== undefined && i >= -(2n ** 63n) && i < 2n ** 63n) return { ...n, isInt: true, isFloat: true, int: i, float: Number(i) };
    if (i !== undefined && i >= 0n && i < 2n ** 64n) return { ...n, isFloat: true, float: Number(i) }; // uint64 only
    const f = parseGoFloat(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) this.errorf(`integer overflow: ${JSON.stringify(text)}`);
      const isInt = Number.isInteger(f) && Math.abs(f) < 2 ** 63;
      return { ...n, isFloat: true, float: f, isInt, int: isInt ? BigInt(f) : 0n };
    }
    this.errorf(`illegal number syntax: ${JSON.stringify(text)}`);
  }
}

/** strconv.ParseInt(text, 0, 64) without the range check. */
function parseGoInt(text: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!m) return undefined;
  let body = m[2];
  if (body.includes('_') && (!/^0[xXoObB]?_?[0-9a-fA-F]+(_[0-9a-fA-F]+)*$/.test(body) && !/^[1-9][0-9]*(_[0-9]+)*$/.test(body)))
    return undefined;
  body = body.replace(/_/g, '');
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt('0o' + body.slice(2));
  else if (/^0[0-7]+$/.test(body)) v = BigInt('0o' + body.slice(1));
  else v = BigInt(body);
  return m[1] === '-' ? -v : v;
}

/** strconv.ParseFloat(text, 64) for decimal and hex floats. */
function parseGoFloat(text: string): number | undefined {
  const t = text.replace(/_/g, '');
  // Out-of-range values fail in Go (ParseFloat's range error).
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number.isFinite(Number(t)) ? Number(t) : undefined;
  const h = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(t);
  if (h && (h[2] || h[3])) {
    const mant = parseInt((h[2] || '0') + (h[3] || ''), 16) / 16 ** h[3].length;
    const v = mant * 2 ** Number(h[4]);
    return h[1] === '-' ? -v : v;
  }
  return undefined;
}
