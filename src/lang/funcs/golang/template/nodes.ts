// The parse tree of a Go text/template, and each node's String() as Go
// prints it: execution errors quote the node they stopped at (`at <.Missing>`).

import { goQuote } from '../../../types/value.js';

export type Node =
  | ListNode
  | TextNode
  | CommentNode
  | ActionNode
  | PipeNode
  | CommandNode
  | FieldNode
  | ChainNode
  | VariableNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | IfNode
  | RangeNode
  | WithNode
  | TemplateNode
  | BreakNode
  | ContinueNode
  | EndNode
  | ElseNode;

export interface ListNode { t: 'list'; pos: number; nodes: Node[] }
export interface TextNode { t: 'text'; pos: number; text: string }
export interface CommentNode { t: 'comment'; pos: number; text: string }
export interface ActionNode { t: 'action'; pos: number; line: number; pipe: PipeNode }
export interface PipeNode { t: 'pipe'; pos: number; line: number; isAssign: boolean; decl: VariableNode[]; cmds: CommandNode[] }
export interface CommandNode { t: 'command'; pos: number; args: Node[] }
/** `.A.B`: idents without the dots. */
export interface FieldNode { t: 'field'; pos: number; ident: string[] }
/** `(pipe).A.B` or `fn.A` */
export interface ChainNode { t: 'chain'; pos: number; node: Node; field: string[] }
/** `$x.A.B`: ident[0] is the variable name with its `$`. */
export interface VariableNode { t: 'variable'; pos: number; ident: string[] }
export interface IdentifierNode { t: 'identifier'; pos: number; ident: string }
export interface DotNode { t: 'dot'; pos: number }
export interface NilNode { t: 'nil'; pos: number }
export interface BoolNode { t: 'bool'; pos: number; value: boolean }
export interface NumberNode {
  t: 'number';
  pos: number;
  text: string;
  isInt: boolean;
  isFloat: boolean;
  int: bigint;
  float: number;
}
export interface StringNode { t: 'string'; pos: number; quoted: string; text: string }
interface BranchFields { pos: number; line: number; pipe: PipeNode; list: ListNode; elseList: ListNode | null }
export interface IfNode extends BranchFields { t: 'if' }
export interface RangeNode extends BranchFields { t: 'range' }
export interface WithNode extends BranchFields { t: 'with' }
export interface TemplateNode { t: 'template'; pos: number; line: number; name: string; pipe: PipeNode | null }
export interface BreakNode { t: 'break'; pos: number; line: number }
export interface ContinueNode { t: 'continue'; pos: number; line: number }
export interface EndNode { t: 'end'; pos: number }
export interface ElseNode { t: 'else'; pos: number; line: number }

/** Go's Node.String(). */
export function nodeString(n: Node): string {
  switch (n.t) {
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'text':
      return n.text;
    case 'comment':
      return `{{${n.text}}}`;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) s = n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.t === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'field':
      return n.ident.map((i) => '.' + i).join('');
    case 'chain': {
      const base = n.node.t === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return base + n.field.map((f) => '.' + f).join('');
    }
    case 'variable':
      return n.ident.join('.');
    case 'identifier':
      return n.ident;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'if':
    case 'range':
    case 'with': {
      let s = `{{${n.t} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
      if (n.elseList) s += `{{else}}${nodeString(n.elseList)}`;
      return s + '{{end}}';
    }
    case 'template':
      return n.pipe ? `{{template ${goQuote(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${goQuote(n.name)}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'end':
      return '{{end}}';
    case 'else':
      return '{{else}}';
  }
}
