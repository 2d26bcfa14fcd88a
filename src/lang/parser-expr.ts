// The expression half of the mcl grammar: names, types, expressions, call
// arguments and parameters. The AST is built in the rule actions (no CST), so a
// 100k-resource program does not pay for a tree it throws away.
//
// Error messages: a failing CONSUME or OR reports its "expecting" list through
// ERR_MSG (token names joined by " or "), or NOLIST where upstream's LALR parser
// would be in a state with too many choices to list (see §11.1 of the reference).

import { EmbeddedActionsParser, type IParserConfig, type IToken } from 'chevrotain';
import type { Expr, ExprCall, ExprFunc, ExprList, ExprMap, ExprStruct, Param } from './ast.js';
import { LangError, type Span } from './errors.js';
import { T, type FuncArg, type StructField, type Type } from './types/type.js';
import * as L from './lexer.js';

/** ERR_MSG for "print no expecting list" (chevrotain ignores an empty ERR_MSG). */
export const NOLIST = '-';
const NL_ERR = { ERR_MSG: NOLIST };

/** A semantic error found while parsing (overflow, bad annotation, unknown field). */
export class ParseAbort extends Error {
  constructor(readonly error: LangError) {
    super(error.detail);
  }
}

interface Dotted {
  name: string;
  first: IToken;
  last: IToken;
}

export class ExprParser extends EmbeddedActionsParser {
  /** The file being parsed, as the user sees it (put in every Span). */
  fileName = '';
  /** In recovery mode semantic errors are collected instead of thrown. */
  collectErrors = false;
  semErrors: LangError[] = [];

  constructor(config: IParserConfig) {
    super([...L.allTokens, ...L.CATEGORIES], config);
  }

  /** The span from the start of token `a` to the end of token `b`. */
  sp(a: IToken, b: IToken = a): Span {
    return {
      file: this.fileName,
      line: a.startLine!,
      col: a.startColumn!,
      endLine: b.endLine!,
      endCol: b.endColumn! + 1,
      start: a.startOffset,
      end: b.endOffset! + 1,
    };
  }

  /** From token `a` to the end of span `b`. */
  tsp(a: IToken, b: Span): Span {
    return { file: this.fileName, line: a.startLine!, col: a.startColumn!, endLine: b.endLine, endCol: b.endCol, start: a.startOffset, end: b.end };
  }

  /** From span `a` to the end of token `b`. */
  spt(a: Span, b: IToken): Span {
    return { file: this.fileName, line: a.line, col: a.col, endLine: b.endLine!, endCol: b.endColumn! + 1, start: a.start, end: b.endOffset! + 1 };
  }

  /** From span `a` to span `b`. */
  ss(a: Span, b: Span): Span {
    return { file: this.fileName, line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol, start: a.start, end: b.end };
  }

  /** A 1-character span at the start of a token (where upstream points its lexer/parser errors). */
  at(t: IToken): Span {
    return { file: this.fileName, line: t.startLine!, col: t.startColumn!, endLine: t.startLine!, endCol: t.startColumn! + 1, start: t.startOffset, end: t.startOffset + 1 };
  }

  fail(detail: string, span: Span): void {
    const err = new LangError('errLexParse', detail, span);
    if (this.collectErrors) this.semErrors.push(err);
    else throw new ParseAbort(err);
  }

  // ------------------------------------------------------------ names

  /** `name = IDENTIFIER | "map" | "collect"`: var, function and dotted-path names. */
  nameTok = this.RULE('nameTok', (): IToken =>
    this.OR([{ ALT: () => this.CONSUME(L.Identifier) }, { ALT: () => this.CONSUME(L.MapKw) }, { ALT: () => this.CONSUME(L.Collect) }]),
  );

  /** `name { "." name }` */
  dotted = this.RULE('dotted', (): Dotted => {
    const first = this.SUBRULE(this.nameTok);
    let name = first.image;
    let last = first;
    this.MANY(() => {
      this.CONSUME(L.Dot);
      last = this.SUBRULE2(this.nameTok);
      name += '.' + last.image;
    });
    return { name, first, last };
  });

  /** `ident { ":" ident }`: a resource kind or a class name (`a:b:c` sugar). */
  kindName = this.RULE('kindName', (): Dotted => {
    const first = this.CONSUME(L.Identifier);
    let name = first.image;
    let last = first;
    this.MANY(() => {
      this.CONSUME(L.Colon);
      last = this.CONSUME2(L.Identifier);
      name += ':' + last.image;
    });
    return { name, first, last };
  });

  // ------------------------------------------------------------ types

  type = this.RULE('type', (): Type =>
    this.OR([
      { ALT: () => (this.CONSUME(L.BoolType), T.bool) },
      { ALT: () => (this.CONSUME(L.StrType), T.str) },
      { ALT: () => (this.CONSUME(L.IntType), T.int) },
      { ALT: () => (this.CONSUME(L.FloatType), T.float) },
      { ALT: () => (this.CONSUME(L.VariantType), T.variant) },
      {
        ALT: () => {
          this.CONSUME(L.OpenBrack);
          this.CONSUME(L.CloseBrack);
          const elem = this.SUBRULE(this.type);
          return this.ACTION(() => T.list(elem));
        },
      },
      {
        ALT: () => {
          this.CONSUME(L.MapKw);
          this.CONSUME(L.OpenCurly);
          const key = this.SUBRULE2(this.type);
          this.CONSUME(L.Colon);
          const val = this.SUBRULE3(this.type);
          this.CONSUME(L.CloseCurly);
          return this.ACTION(() => T.map(key, val));
        },
      },
      { ALT: () => this.SUBRULE(this.structType) },
      { ALT: () => this.SUBRULE(this.funcType) },
    ]),
  );

  /** `struct{a int; b str}`: no trailing `;`. */
  structType = this.RULE('structType', (): Type => {
    this.CONSUME(L.StructKw);
    this.CONSUME(L.OpenCurly);
    const fields: StructField[] = [];
    const field = () => {
      const name = this.CONSUME(L.Identifier).image;
      fields.push({ name, type: this.SUBRULE(this.type) });
    };
    this.OPTION(() => {
      field();
      this.MANY(() => {
        this.CONSUME(L.Semicolon);
        const name = this.CONSUME2(L.Identifier).image;
        fields.push({ name, type: this.SUBRULE2(this.type) });
      });
    });
    this.CONSUME(L.CloseCurly, { ERR_MSG: fields.length ? 'CLOSE_CURLY or SEMICOLON' : 'CLOSE_CURLY or IDENTIFIER' });
    return this.ACTION(() => T.struct(fields));
  });

  /** `func(int, $b str) bool`, single- or multi-line argument list. */
  funcType = this.RULE('funcType', (): Type => {
    this.CONSUME(L.Func);
    this.CONSUME(L.OpenParen);
    const args: FuncArg[] = [];
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(L.Newline);
            this.MANY(() =>
              this.OR2([
                { ALT: () => this.CONSUME2(L.Newline) },
                {
                  ALT: () => {
                    args.push(this.SUBRULE(this.typeArg));
                    this.CONSUME(L.Comma);
                    this.CONSUME3(L.Newline);
                  },
                },
              ]),
            );
          },
        },
        {
          ALT: () => {
            args.push(this.SUBRULE2(this.typeArg));
            this.MANY2(() => {
              this.CONSUME2(L.Comma);
              args.push(this.SUBRULE3(this.typeArg));
            });
          },
        },
      ]),
    );
    this.CONSUME(L.CloseParen);
    const ret = this.SUBRULE(this.type);
    return this.ACTION(() => T.func(args, ret));
  });

  typeArg = this.RULE('typeArg', (): FuncArg =>
    this.OR([
      {
        ALT: () => {
          this.CONSUME(L.Dollar);
          const name = this.SUBRULE(this.nameTok).image;
          return { name, type: this.SUBRULE(this.type) };
        },
      },
      { ALT: () => ({ type: this.SUBRULE2(this.type) }) },
    ]),
  );

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
  });

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
  });

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
  });

  primary = this.RULE('primary', (): Expr => this.OR(this.primaryAlts));

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
  list = this.RULE('list', (): ExprList => {
    const open = this.CONSUME(L.OpenBrack);
    const elems: Expr[] = [];
    let single = false;
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(L.Newline);
            this.MANY(() =>
              this.OR2([
                { ALT: () => this.CONSUME2(L.Newline) },
                {
                  ALT: () => {
                    elems.push(this.SUBRULE(this.expr));
                    this.CONSUME(L.Comma, NL_ERR);
                    this.CONSUME3(L.Newline);
                  },
                },
              ]),
            );
          },
        },
        {
          ALT: () => {
            single = true;
            elems.push(this.SUBRULE2(this.expr));
            this.MANY2(() => {
              this.CONSUME2(L.Comma);
              elems.push(this.SUBRULE3(this.expr));
            });
          },
        },
      ]),
    );
    const close = this.CONSUME(L.CloseBrack, single ? { ERR_MSG: 'CLOSE_BRACK or COMMA' } : NL_ERR);
    return this.ACTION((): ExprList => ({ kind: 'list', elems, span: this.sp(open, close) }));
  });

  /** `{k => v, ...}` or the multi-line form. */
  map = this.RULE('map', (): ExprMap => {
    const open = this.CONSUME(L.OpenCurly);
    const entries: ExprMap['entries'] = [];
    let single = false;
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(L.Newline);
            this.MANY(() =>
              this.OR2([
                { ALT: () => this.CONSUME2(L.Newline) },
                {
                  ALT: () => {
                    entries.push(this.SUBRULE(this.mapEntry));
                    this.CONSUME(L.Comma, NL_ERR);
                    this.CONSUME3(L.Newline);
                  },
                },
              ]),
            );
          },
        },
        {
          ALT: () => {
            single = true;
            entries.push(this.SUBRULE2(this.mapEntry));
            this.MANY2(() => {
              this.CONSUME2(L.Comma);
              entries.push(this.SUBRULE3(this.mapEntry));
            });
          },
        },
      ]),
    );
    const close = this.CONSUME(L.CloseCurly, single ? { ERR_MSG: 'CLOSE_CURLY or COMMA' } : NL_ERR);
    return this.ACTION((): ExprMap => ({ kind: 'map', entries, span: this.sp(open, close) }));
  });

  mapEntry = this.RULE('mapEntry', (): ExprMap['entries'][number] => {
    const key = this.SUBRULE(this.expr);
    this.CONSUME(L.Rocket, NL_ERR);
    const value = this.SUBRULE2(this.expr);
    return this.ACTION(() => ({ key, value, span: this.ss(key.span, value.span) }));
  });

  /** `struct{a => 1, b => 2}` or the multi-line form. */
  struct = this.RULE('struct', (): ExprStruct => {
    const open = this.CONSUME(L.StructKw);
    this.CONSUME(L.OpenCurly);
    const fields: ExprStruct['fields'] = [];
    let form = 0; // 0 empty, 1 single-line, 2 multi-line
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            form = 2;
            this.CONSUME(L.Newline);
            this.MANY(() =>
              this.OR2([
                { ALT: () => this.CONSUME2(L.Newline) },
                {
                  ALT: () => {
                    fields.push(this.SUBRULE(this.structField));
                    this.CONSUME(L.Comma, NL_ERR);
                    this.CONSUME3(L.Newline);
                  },
                },
              ]),
            );
          },
        },
        {
          ALT: () => {
            form = 1;
            fields.push(this.SUBRULE2(this.structField));
            this.MANY2(() => {
              this.CONSUME2(L.Comma);
              fields.push(this.SUBRULE3(this.structField));
            });
          },
        },
      ]),
    );
    const msg = ['NEWLINE or CLOSE_CURLY or IDENTIFIER', 'CLOSE_CURLY or COMMA', 'IDENTIFIER'][form];
    const close = this.CONSUME(L.CloseCurly, { ERR_MSG: msg });
    return this.ACTION((): ExprStruct => ({ kind: 'struct', fields, span: this.sp(open, close) }));
  });

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
  });

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
  });

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
  });

  /** `if c { a } else { b }`: both branches required; `} else {` on one line. */
  ifExpr = this.RULE('ifExpr', (): Expr => {
    const i = this.CONSUME(L.If);
    const cond = this.SUBRULE(this.expr);
    const then = this.SUBRULE(this.exprBlock);
    this.CONSUME(L.Else);
    const els = this.SUBRULE2(this.exprBlock);
    return this.ACTION((): Expr => ({ kind: 'ifexpr', cond, then: then.expr, else: els.expr, span: this.sp(i, els.close) }));
  });

  /** `{ expr }` with free newlines around the one expression (func bodies, if-expression branches). */
  exprBlock = this.RULE('exprBlock', (): { expr: Expr; close: IToken } => {
    this.CONSUME(L.OpenCurly);
    this.MANY(() => this.CONSUME(L.Newline));
    const expr = this.SUBRULE(this.expr);
    this.MANY2(() => this.CONSUME2(L.Newline));
    const close = this.CONSUME(L.CloseCurly, NL_ERR);
    return { expr, close };
  });

  // ------------------------------------------------------------ args and params

  /** `(a, b)` or `(⏎ a,⏎ b,⏎ )`: one form or the other, never mixed. */
  args = this.RULE('args', (): { args: Expr[]; close: IToken } => {
    this.CONSUME(L.OpenParen);
    const args: Expr[] = [];
    let single = false;
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(L.Newline);
            this.MANY(() =>
              this.OR2([
                { ALT: () => this.CONSUME2(L.Newline) },
                {
                  ALT: () => {
                    args.push(this.SUBRULE(this.expr));
                    this.CONSUME(L.Comma, NL_ERR);
                    this.CONSUME3(L.Newline);
                  },
                },
              ]),
            );
          },
        },
        {
          ALT: () => {
            single = true;
            args.push(this.SUBRULE2(this.expr));
            this.MANY2(() => {
              this.CONSUME2(L.Comma);
              args.push(this.SUBRULE3(this.expr));
            });
          },
        },
      ]),
    );
    const close = this.CONSUME(L.CloseParen, single ? { ERR_MSG: 'CLOSE_PAREN or COMMA' } : undefined);
    return { args, close };
  });

  /** `($a, $b int)` or the multi-line form. */
  params = this.RULE('params', (): { params: Param[]; close: IToken } => {
    this.CONSUME(L.OpenParen);
    const params: Param[] = [];
    let single = false;
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(L.Newline);
            this.MANY(() =>
              this.OR2([
                { ALT: () => this.CONSUME2(L.Newline) },
                {
                  ALT: () => {
                    params.push(this.SUBRULE(this.param));
                    this.CONSUME(L.Comma);
                    this.CONSUME3(L.Newline);
                  },
                },
              ]),
            );
          },
        },
        {
          ALT: () => {
            single = true;
            params.push(this.SUBRULE2(this.param));
            this.MANY2(() => {
              this.CONSUME2(L.Comma);
              params.push(this.SUBRULE3(this.param));
            });
          },
        },
      ]),
    );
    const close = this.CONSUME(L.CloseParen, single ? { ERR_MSG: 'CLOSE_PAREN or COMMA' } : undefined);
    return { params, close };
  });

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
