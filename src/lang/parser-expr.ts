// The expressions of the mcl grammar, with call arguments and parameters.

import type { IToken } from 'chevrotain';
import type { Expr, ExprCall, ExprFunc, ExprList, ExprMap, ExprStruct, Param } from './ast.js';
import type { Type } from './types/type.js';
import { NL_ERR, ParserBase } from './parser-base.js';
import * as L from './lexer.js';

/**
 * What upstream expects at a bad struct literal end, by form (reference §11.1).
 * A multi-line struct is at a field's start whenever its loop stops, so a stray
 * `,` line there expects what an empty struct does.
 */
const STRUCT_CLOSE_ERR = { empty: 'NEWLINE or CLOSE_CURLY or IDENTIFIER', single: 'CLOSE_CURLY or COMMA', multi: 'NEWLINE or CLOSE_CURLY or IDENTIFIER' };

export class ExprParser extends ParserBase {
  // ------------------------------------------------------------ expressions
  // Precedence, lowest first: <|>, or, and, comparisons (non-associative),
  // + -, * /, then prefix `not`, then the postfix -> and [ ]. The binary
  // levels are one flat rule (operands and operators), folded by precedence
  // in the action: far fewer rule calls per operand than one rule per level.

  /** An expression; with `allowExcept` false it stops before `<|>` (the default of `->f <|> d`). */
  expr = this.RULE('expr', (allowExcept?: boolean): Expr => {
    const first = this.SUBRULE(this.unary);
    let ops: IToken[] | undefined;
    let operands: Expr[] | undefined;
    this.MANY({
      GATE: () => allowExcept !== false || this.LA(1).tokenType !== L.Except,
      DEF: () => {
        const op = this.CONSUME(L.BinOp);
        const right = this.SUBRULE2(this.unary);
        if (!ops) {
          ops = [];
          operands = [first];
        }
        ops.push(op);
        operands!.push(right);
      },
    });
    return ops ? this.ACTION(() => this.fold(operands!, ops!)) : first;
  }, this.recoverExpr);

  /** Precedence climbing over `a op b op c ...`. */
  private fold(operands: Expr[], ops: IToken[]): Expr {
    let k = 0; // next operator
    let i = 0; // next operand
    const climb = (minPrec: number): Expr => {
      let left = operands[i++];
      while (k < ops.length && L.precedence(ops[k]) >= minPrec) {
        const op = ops[k++];
        const p = L.precedence(op);
        let right = operands[i++];
        while (k < ops.length && L.precedence(ops[k]) > p) {
          i--;
          right = climb(p + 1);
        }
        const span = this.ss(left.span, right.span);
        left =
          op.tokenType === L.Except
            ? { kind: 'except', left, right, span }
            : { kind: 'binary', op: op.image as '+', left, right, span };
        if (p === L.CMP_PREC && k < ops.length && L.precedence(ops[k]) === p) {
          this.fail(`parser: \`syntax error: unexpected ${ops[k].tokenType.name}\``, this.at(ops[k]));
        }
      }
      return left;
    };
    return climb(0);
  }

  /** `not` binds tighter than every binary operator: `not $a == $b` is `(not $a) == $b`. */
  unary = this.RULE('unary', (): Expr => {
    let nots: IToken[] | undefined;
    this.MANY(() => {
      (nots ??= []).push(this.CONSUME(L.Not));
    });
    const e = this.SUBRULE(this.postfixExpr);
    if (!nots) return e;
    return this.ACTION(() => {
      let out = e;
      for (let j = nots!.length - 1; j >= 0; j--) out = { kind: 'not', expr: out, span: this.tsp(nots![j], out.span) };
      return out;
    });
  }, this.recoverExpr);

  /** `e[i]`, `e->f`, and `e->f <|> d` (the default binds everything above `<|>`). */
  postfixExpr = this.RULE('postfixExpr', (): Expr => {
    let e = this.SUBRULE(this.primary);
    this.MANY(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(L.OpenBrack);
            const index = this.SUBRULE(this.expr);
            const close = this.CONSUME(L.CloseBrack, NL_ERR);
            e = this.ACTION((): Expr => ({ kind: 'index', obj: e, index, span: this.spt(e.span, close) }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(L.Arrow);
            const f = this.CONSUME(L.Identifier);
            let def: Expr | undefined;
            this.OPTION(() => {
              this.CONSUME(L.Except);
              def = this.SUBRULE2(this.expr, { ARGS: [false] });
            });
            e = this.ACTION((): Expr => ({
              kind: 'field',
              obj: e,
              field: f.image,
              ...(def ? { def } : {}),
              span: def ? this.ss(e.span, def.span) : this.spt(e.span, f),
            }));
          },
        },
      ]),
    );
    return e;
  }, this.recoverExpr);

  primary = this.RULE('primary', (): Expr => this.OR(this.primaryAlts), this.recoverExpr);

  private primaryAlts = [
    {
      ALT: () => {
        const t = this.CONSUME(L.Bool);
        return this.ACTION((): Expr => ({ kind: 'bool', value: t.image === 'true', span: this.sp(t) }));
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(L.StringLit);
        return this.ACTION((): Expr => ({ kind: 'str', raw: t.image.slice(1, -1), span: this.sp(t) }));
      },
    },
    { ALT: () => this.intLit(this.CONSUME(L.IntegerLit)) },
    { ALT: () => this.floatLit(this.CONSUME(L.FloatLit)) },
    { ALT: () => this.SUBRULE(this.list) },
    { ALT: () => this.SUBRULE(this.map) },
    { ALT: () => this.SUBRULE(this.struct) },
    { ALT: () => this.SUBRULE(this.lambdaOrCall) },
    { ALT: () => this.SUBRULE(this.varOrCall) },
    { ALT: () => this.SUBRULE(this.namedCall) },
    { ALT: () => this.SUBRULE(this.ifExpr) },
    {
      ALT: () => {
        this.CONSUME(L.OpenParen);
        const e = this.SUBRULE(this.expr);
        this.CONSUME(L.CloseParen, NL_ERR);
        return e;
      },
    },
  ];

  // Range checks are done on the tokens before parsing (they are lexer errors upstream).
  intLit(t: IToken): Expr {
    return this.ACTION((): Expr => ({ kind: 'int', value: BigInt(t.image), span: this.sp(t) }));
  }

  floatLit(t: IToken): Expr {
    return this.ACTION((): Expr => ({ kind: 'float', value: Number(t.image), raw: t.image, span: this.sp(t) }));
  }

  /** `[a, b]` or `[⏎ a,⏎ b,⏎ ]`. */
  list = this.RULE('list', (): Expr => {
    const open = this.CONSUME(L.OpenBrack);
    const elems: Expr[] = [];
    const form = this.items(this.expr, elems, NL_ERR);
    const close = this.CONSUME(L.CloseBrack, form === 'single' ? { ERR_MSG: 'CLOSE_BRACK or COMMA' } : NL_ERR);
    return this.ACTION((): ExprList => ({ kind: 'list', elems, span: this.sp(open, close) }));
  }, this.recoverExpr);

  /** `{k => v, ...}` or the multi-line form. */
  map = this.RULE('map', (): Expr => {
    const open = this.CONSUME(L.OpenCurly);
    const entries: ExprMap['entries'] = [];
    const form = this.items(this.mapEntry, entries, NL_ERR);
    const close = this.CONSUME(L.CloseCurly, form === 'single' ? { ERR_MSG: 'CLOSE_CURLY or COMMA' } : NL_ERR);
    return this.ACTION((): ExprMap => ({ kind: 'map', entries, span: this.sp(open, close) }));
  }, this.recoverExpr);

  mapEntry = this.RULE('mapEntry', (): ExprMap['entries'][number] => {
    const key = this.SUBRULE(this.expr);
    this.CONSUME(L.Rocket, NL_ERR);
    const value = this.SUBRULE2(this.expr);
    return this.ACTION(() => ({ key, value, span: this.ss(key.span, value.span) }));
  });

  /** `struct{a => 1, b => 2}` or the multi-line form. */
  struct = this.RULE('struct', (): Expr => {
    const open = this.CONSUME(L.StructKw);
    this.CONSUME(L.OpenCurly);
    const fields: ExprStruct['fields'] = [];
    const form = this.items(this.structField, fields, NL_ERR);
    const close = this.CONSUME(L.CloseCurly, { ERR_MSG: STRUCT_CLOSE_ERR[form] });
    return this.ACTION((): ExprStruct => ({ kind: 'struct', fields, span: this.sp(open, close) }));
  }, this.recoverExpr);

  structField = this.RULE('structField', (): ExprStruct['fields'][number] => {
    const name = this.CONSUME(L.Identifier);
    this.CONSUME(L.Rocket);
    const value = this.SUBRULE(this.expr);
    return this.ACTION(() => ({ name: name.image, value, span: this.tsp(name, value.span) }));
  });

  /** `func(params) [type] { expr }`, maybe called on the spot: `func($x) { $x }(1)`. */
  lambdaOrCall = this.RULE('lambdaOrCall', (): Expr => {
    const fn = this.CONSUME(L.Func);
    const params = this.SUBRULE(this.params);
    let ret: Type | undefined;
    this.OPTION(() => {
      ret = this.SUBRULE(this.type);
    });
    const body = this.SUBRULE(this.exprBlock);
    const func = this.ACTION((): ExprFunc => ({ kind: 'func', params: params.params, ...(ret ? { ret } : {}), body: body.expr, span: this.sp(fn, body.close) }));
    let call: Expr | undefined;
    this.OPTION2(() => {
      const args = this.SUBRULE(this.args);
      call = this.ACTION((): ExprCall => ({
        kind: 'call',
        callee: { kind: 'lambda', func },
        calleeSpan: func.span,
        args: args.args,
        span: this.spt(func.span, args.close),
      }));
    });
    return call ?? func;
  }, this.recoverExpr);

  /** `$a.b` or `$f(args)`. */
  varOrCall = this.RULE('varOrCall', (): Expr => {
    const dollar = this.CONSUME(L.Dollar);
    const d = this.SUBRULE(this.dotted);
    let call: Expr | undefined;
    this.OPTION(() => {
      const args = this.SUBRULE(this.args);
      call = this.ACTION((): ExprCall => ({
        kind: 'call',
        callee: { kind: 'var', name: d.name },
        calleeSpan: this.sp(dollar, d.last),
        args: args.args,
        span: this.sp(dollar, args.close),
      }));
    });
    return call ?? this.ACTION((): Expr => ({ kind: 'var', name: d.name, span: this.sp(dollar, d.last) }));
  }, this.recoverExpr);

  /** `fmt.printf(args)`: a bare name is not an expression, the call is required. */
  namedCall = this.RULE('namedCall', (): Expr => {
    const d = this.SUBRULE(this.dotted);
    const args = this.SUBRULE(this.args);
    return this.ACTION((): ExprCall => ({
      kind: 'call',
      callee: { kind: 'name', name: d.name },
      calleeSpan: this.sp(d.first, d.last),
      args: args.args,
      span: this.sp(d.first, args.close),
    }));
  }, this.recoverExpr);

  /** `if c { a } else { b }`: both branches required; `} else {` on one line. */
  ifExpr = this.RULE('ifExpr', (): Expr => {
    const i = this.CONSUME(L.If);
    const cond = this.SUBRULE(this.expr);
    const then = this.SUBRULE(this.exprBlock);
    this.CONSUME(L.Else);
    const els = this.SUBRULE2(this.exprBlock);
    return this.ACTION((): Expr => ({ kind: 'ifexpr', cond, then: then.expr, else: els.expr, span: this.sp(i, els.close) }));
  }, this.recoverExpr);

  /** `{ expr }` with free newlines around the one expression (func bodies, if-expression branches). */
  exprBlock = this.RULE('exprBlock', (): { expr: Expr; close: IToken } => {
    this.CONSUME(L.OpenCurly);
    this.MANY(() => this.CONSUME(L.Newline));
    const expr = this.SUBRULE(this.expr);
    this.MANY2(() => this.CONSUME2(L.Newline));
    const close = this.CONSUME(L.CloseCurly, NL_ERR);
    return { expr, close };
  }, { recoveryValueFunc: () => ({ expr: this.missingExpr(), close: this.missingTok() }) });

  // ------------------------------------------------------------ args and params

  /** `(a, b)` or `(⏎ a,⏎ b,⏎ )`: one form or the other, never mixed. */
  args = this.RULE('args', (): { args: Expr[]; close: IToken } => {
    this.CONSUME(L.OpenParen);
    const args: Expr[] = [];
    const form = this.items(this.expr, args, NL_ERR);
    const close = this.CONSUME(L.CloseParen, form === 'single' ? { ERR_MSG: 'CLOSE_PAREN or COMMA' } : undefined);
    return { args, close };
  }, { recoveryValueFunc: () => ({ args: [], close: this.missingTok() }) });

  /** `($a, $b int)` or the multi-line form. */
  params = this.RULE('params', (): { params: Param[]; close: IToken } => {
    this.CONSUME(L.OpenParen);
    const params: Param[] = [];
    const form = this.items(this.param, params);
    const close = this.CONSUME(L.CloseParen, form === 'single' ? { ERR_MSG: 'CLOSE_PAREN or COMMA' } : undefined);
    return { params, close };
  }, { recoveryValueFunc: () => ({ params: [], close: this.missingTok() }) });

  param = this.RULE('param', (): Param => {
    const dollar = this.CONSUME(L.Dollar);
    const name = this.SUBRULE(this.nameTok);
    let type: Type | undefined;
    this.OPTION(() => {
      type = this.SUBRULE(this.type);
    });
    return this.ACTION((): Param => ({ name: name.image, ...(type ? { type } : {}), span: this.sp(dollar, this.LA(0)) }));
  });
}
