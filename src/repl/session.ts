// The REPL's session logic, apart from any terminal: the program typed so far
// (kept as text and recompiled as a whole through compile()), and the
// evaluation of one entry. An expression E is compiled as a hidden
// `$mgmt_repl_N = E` appended to the program; Unify skips unused binds, so
// the hidden bind is type-checked on its own and its value asked of the
// FunctionEngine — the program's resources are never run.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Stmt } from '../lang/ast.js';
import { LangError, renderError } from '../lang/errors.js';
import type { Span } from '../lang/errors.js';
import { FunctionEngine, NotReady, Raised } from '../lang/fgraph.js';
import { builtins } from '../lang/funcs/index.js';
import type { Registry } from '../lang/funcs/registry.js';
import { asLangError, compile, firstGraph, runtimeEnv } from '../lang/index.js';
import type { Compiled, Deploy } from '../lang/index.js';
import type { Binding } from '../lang/ir.js';
import { parse } from '../lang/parser.js';
import { TypeChecker } from '../lang/types/infer.js';
import { typeString } from '../lang/types/type.js';
import { formatValue } from '../lang/types/value.js';
import { graphText } from '../engine/format.js';

const ENTRY = '/.mgmt-repl.mcl';
const HIDDEN = 'mgmt_repl_';

export const HELP = `Enter an expression to see its value and type, or a statement
(bind, func, class, import, include, resource, edge, if, for) to add it to
the session's program.

  :type EXPR   the type of EXPR, without evaluating it
  :graph       the resource graph of the session's program
  :load FILE   add the statements of an mcl file to the program
  :program     print the session's program
  :reset       forget the program
  :help        this text
  :quit        leave (also Ctrl-D)
`;

export interface SessionOptions {
  /** Directory playing the part of the deploy root (imports of local files). */
  cwd?: string;
  hostname?: string;
  registry?: Registry;
  /** How long to wait for a streaming function's first value, in ms. */
  streamTimeout?: number;
}

/** One kept entry of the program. */
interface Chunk {
  text: string;
  /** Set when the entry is a single bind: a later bind of the same name replaces it. */
  bind?: string;
}

export interface EvalResult {
  /** What to print (may be empty), ending in a newline when not empty. */
  output: string;
  ok: boolean;
}

export class ReplSession {
  private chunks: Chunk[] = [];
  private n = 0;
  private readonly deploy: Deploy;
  private readonly registry: Registry;

  constructor(private readonly opts: SessionOptions = {}) {
    this.deploy = { root: resolve(opts.cwd ?? process.cwd()), entry: ENTRY, files: '/files/' };
    this.registry = opts.registry ?? builtins();
  }

  /** The program text kept so far. */
  get program(): string {
    return this.chunks.map((c) => c.text).join('');
  }

  reset(): void {
    this.chunks = [];
  }

  /** Evaluate one complete entry (an expression, statements, or a `:command`). */
  async eval(input: string): Promise<EvalResult> {
    const line = input.trim();
    if (line === '') return { output: '', ok: true };
    if (line.startsWith(':')) return this.command(line);
    const parsed = parse(input, ENTRY);
    if (parsed.ast && parsed.ast.body.length > 0) return this.statements(input, parsed.ast.body);
    return this.expression(input, true);
  }

  private async command(line: string): Promise<EvalResult> {
    const sp = line.indexOf(' ');
    const name = sp < 0 ? line : line.slice(0, sp);
    const arg = sp < 0 ? '' : line.slice(sp + 1).trim();
    switch (name) {
      case ':help':
      case ':h':
        return { output: HELP, ok: true };
      case ':type':
      case ':t':
        if (!arg) return { output: 'usage: :type EXPR\n', ok: false };
        return this.expression(arg, false);
      case ':graph':
      case ':g':
        return this.graph();
      case ':load':
      case ':l':
        if (!arg) return { output: 'usage: :load FILE\n', ok: false };
        return this.load(arg);
      case ':reset':
        this.reset();
        return { output: 'program cleared\n', ok: true };
      case ':program':
      case ':p':
        return { output: this.program, ok: true };
      default:
        return { output: `unknown command \`${name}\`; see :help\n`, ok: false };
    }
  }

  // ------------------------------------------------------------ compiling

  private compileText(text: string): Compiled {
    const overlay = new Map([[join(this.deploy.root, ENTRY), text]]);
    return compile(this.deploy, { overlay, hostname: this.opts.hostname, registry: this.registry });
  }

  /** The root-level bind named `name` of the entry file. */
  private rootBind(c: Compiled, name: string): Binding & { k: 'bind' } {
    const b = c.scoped.binds.find((x) => x.k === 'bind' && x.name === name && x.ctx === c.scoped.root && x.module.file === ENTRY);
    if (!b || b.k !== 'bind') throw new LangError('errSetScope', `internal error: the REPL lost its bind \`$${name}\``);
    return b;
  }

  /** Type-checks the program together with the given (otherwise unused) binds. */
  private typeWith(c: Compiled, binds: Binding[]) {
    const tc = new TypeChecker();
    for (const b of binds) tc.binding(b);
    return tc.check(c.scoped);
  }

  // ------------------------------------------------------------ entries

  private async expression(input: string, evaluate: boolean): Promise<EvalResult> {
    const name = `${HIDDEN}${++this.n}`;
    const prefix = `$${name} = `;
    const base = this.program;
    const text = base + prefix + input.replace(/\n+$/, '') + '\n';
    const where = { start: base.length, line: lineCount(base) + 1, shift: prefix.length };
    let fe: FunctionEngine | undefined;
    try {
      const c = this.compileText(text);
      const b = this.rootBind(c, name);
      const typing = this.typeWith(c, [b]);
      const node = b.expr();
      const type = typing.types.get(node);
      const typeText = type ? typeString(type) : '?';
      if (!evaluate) return { output: `${typeText}\n`, ok: true };
      fe = new FunctionEngine(c.scoped, typing, runtimeEnv(c));
      const value = await this.valueOf(fe, b);
      return { output: `${formatValue(value)} :: ${typeText}\n`, ok: true };
    } catch (e) {
      return { output: this.render(e, input, where) + '\n', ok: false };
    } finally {
      fe?.stop();
    }
  }

  /** The bind's current value; waits for streams to produce their first value. */
  private async valueOf(fe: FunctionEngine, b: Binding): Promise<import('../lang/types/value.js').Value> {
    const deadline = Date.now() + (this.opts.streamTimeout ?? 5000);
    for (;;) {
      const event = fe.nextEvent();
      try {
        const frame = fe.beginPass();
        const v = fe.binding(b, frame);
        fe.endPass();
        return v;
      } catch (e) {
        if (e instanceof Raised) throw e.toLangError();
        if (!(e instanceof NotReady)) throw e;
        const left = deadline - Date.now();
        if (left <= 0) throw new LangError('errStream', `func \`${e.message}\` produced no value in time`);
        await Promise.race([event, new Promise((r) => setTimeout(r, Math.min(left, 500)))]);
      }
    }
  }

  private async statements(input: string, body: Stmt[]): Promise<EvalResult> {
    const entry = input.endsWith('\n') ? input : input + '\n';
    const single = body.length === 1 && body[0].kind === 'bind' ? body[0].name : undefined;
    // Rebinding a name typed earlier replaces the earlier entry.
    const kept = single ? this.chunks.filter((c) => c.bind !== single) : this.chunks;
    const base = kept.map((c) => c.text).join('');
    const where = { start: base.length, line: lineCount(base) + 1, shift: 0 };
    try {
      const c = this.compileText(base + entry);
      const binds = body.flatMap((s) => (s.kind === 'bind' ? [this.rootBind(c, s.name)] : []));
      const typing = this.typeWith(c, binds);
      this.chunks = [...kept, { text: entry, bind: single }];
      const out = binds.map((b) => {
        const t = typing.types.get(b.expr());
        return `$${b.name} :: ${t ? typeString(t) : '?'}\n`;
      });
      return { output: out.join(''), ok: true };
    } catch (e) {
      return { output: this.render(e, input, where) + '\n', ok: false };
    }
  }

  private async load(file: string): Promise<EvalResult> {
    let text: string;
    try {
      text = readFileSync(resolve(this.deploy.root, file), 'utf8');
    } catch (e) {
      return { output: `could not read ${file}: ${(e as Error).message}\n`, ok: false };
    }
    const parsed = parse(text, ENTRY);
    if (!parsed.ast) return { output: this.render(parsed.errors[0], text, { start: 0, line: 1, shift: 0 }, file) + '\n', ok: false };
    const r = await this.statements(text, parsed.ast.body);
    return r.ok ? { output: `loaded ${file} (${parsed.ast.body.length} statements)\n`, ok: true } : r;
  }

  private async graph(): Promise<EvalResult> {
    const text = this.program;
    try {
      const c = this.compileText(text);
      const g = await firstGraph(c, { firstValueTimeout: this.opts.streamTimeout ?? 5000 });
      const out = graphText(g);
      return { output: out || '(empty graph)\n', ok: true };
    } catch (e) {
      return { output: this.render(e, '', { start: text.length, line: lineCount(text) + 1, shift: 0 }) + '\n', ok: false };
    }
  }

  // ------------------------------------------------------------ errors

  /**
   * The error with a caret under its column. Spans in the entry being
   * evaluated are shown relative to it (`<input>:1:5`); spans in the kept
   * program as `<session>:line:col`.
   */
  private render(e: unknown, input: string, where: { start: number; line: number; shift: number }, label = '<input>'): string {
    const err = e instanceof Raised ? e.toLangError() : asLangError(e);
    const sp = err.span;
    if (!sp || sp.file !== ENTRY) {
      return renderError(err, (f) => {
        try {
          return readFileSync(join(this.deploy.root, f), 'utf8');
        } catch {
          return undefined;
        }
      });
    }
    const program = this.program;
    if (sp.start < where.start) {
      const moved = restage(err, { ...sp, file: '<session>' });
      return renderError(moved, () => program);
    }
    const shiftCol = (line: number, col: number) => (line === where.line ? Math.max(1, col - where.shift) : col);
    const span: Span = {
      file: label,
      line: sp.line - where.line + 1,
      col: shiftCol(sp.line, sp.col),
      endLine: sp.endLine - where.line + 1,
      endCol: shiftCol(sp.endLine, sp.endCol),
      start: Math.max(0, sp.start - where.start - where.shift),
      end: Math.max(0, sp.end - where.start - where.shift),
    };
    return renderError(restage(err, span), () => input);
  }
}

function restage(err: LangError, span: Span): LangError {
  const detail = err.detail.split(`${HIDDEN}`).join('repl_');
  return new LangError(err.stage, detail, span, { notes: err.notes, inlineByline: err.inlineByline });
}

function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
