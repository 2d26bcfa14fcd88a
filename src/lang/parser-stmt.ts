// The statement half of the mcl grammar: program, blocks, binds, resources,
// edges, control flow, func/class/include/import/panic. Every statement ends
// with a NEWLINE token; resource bodies allow free newlines between items.

import type { IParserConfig, IToken } from 'chevrotain';
import type {
  Block,
  EdgeHalf,
  Expr,
  ResItem,
  Stmt,
  StmtBind,
  StmtClass,
  StmtEdge,
  StmtFor,
  StmtForKV,
  StmtFunc,
  StmtIf,
  StmtImport,
  StmtInclude,
  StmtPanic,
  StmtRes,
} from './ast.js';
import type { Type } from './types/type.js';
import { NL_ERR } from './parser-base.js';
import { ExprParser } from './parser-expr.js';
import * as L from './lexer.js';

const RES_BODY_ERR = { ERR_MSG: 'NEWLINE or CLOSE_CURLY or IDENTIFIER or CAPITALIZED_IDENTIFIER' };

const LITERAL_KINDS: Partial<Record<Expr['kind'], string>> = { bool: 'bool', str: 'str', int: 'int', float: 'float' };

export class MclParser extends ExprParser {
  constructor(config: IParserConfig) {
    super(config);
    this.performSelfAnalysis();
  }

  /** `{ NEWLINE | stmt NEWLINE }`: the whole file, or the inside of a block. */
  stmts = this.RULE('stmts', (): Stmt[] => {
    const body: Stmt[] = [];
    this.MANY(() => {
      this.OPTION(() => {
        const s = this.SUBRULE(this.stmt);
        if (s) body.push(s); // recovery may give none
      });
      this.CONSUME(L.Newline);
    });
    return body;
  });

  /** `{ stmts }`: so `{ stmt }` on one line fails (the stmt needs its NEWLINE). */
  block = this.RULE('block', (): Block => {
    const open = this.CONSUME(L.OpenCurly);
    const body = this.SUBRULE(this.stmts);
    const close = this.CONSUME(L.CloseCurly, NL_ERR);
    return this.ACTION((): Block => ({ kind: 'block', body, span: this.sp(open, close) }));
  }, { recoveryValueFunc: (): Block => ({ kind: 'block', body: [], span: this.at(this.here()) }) });

  stmt = this.RULE('stmt', (): Stmt => this.OR(this.stmtAlts));

  private stmtAlts = [
    { ALT: () => this.SUBRULE(this.bind) },
    { ALT: () => this.SUBRULE(this.resource) },
    { ALT: () => this.SUBRULE(this.edge) },
    { ALT: () => this.SUBRULE(this.ifStmt) },
    { ALT: () => this.SUBRULE(this.forStmt) },
    { ALT: () => this.SUBRULE(this.forkvStmt) },
    { ALT: () => this.SUBRULE(this.funcStmt) },
    { ALT: () => this.SUBRULE(this.classStmt) },
    { ALT: () => this.SUBRULE(this.includeStmt) },
    { ALT: () => this.SUBRULE(this.importStmt) },
    { ALT: () => this.SUBRULE(this.panicStmt) },
  ];

  /** `$name [type] = expr` */
  bind = this.RULE('bind', (): StmtBind => {
    const dollar = this.CONSUME(L.Dollar);
    const name = this.SUBRULE(this.nameTok);
    let type: Type | undefined;
    this.OPTION(() => {
      type = this.SUBRULE(this.type);
    });
    this.CONSUME(L.Equals, type ? undefined : NL_ERR);
    const value = this.SUBRULE(this.expr);
    return this.ACTION((): StmtBind => {
      const nameSpan = this.sp(dollar, name);
      if (type) this.checkAnnotation(type, value);
      return { kind: 'bind', name: name.image, nameSpan, ...(type ? { type } : {}), value, span: this.tsp(dollar, value.span) };
    });
  });

  /** upstream sets the annotation on the value while parsing: a literal of another kind fails here. */
  private checkAnnotation(type: Type, value: Expr): void {
    const lit = LITERAL_KINDS[value.kind];
    if (lit && type.k !== 'variant' && type.k !== lit) {
      const { file, line, col, start } = value.span;
      this.setTypeFail(`base kind does not match (${lit} != ${type.k})`, { file, line, col, endLine: line, endCol: col + 1, start, end: start + 1 });
    }
  }

  /** `[collect] kind name { items }` */
  resource = this.RULE('resource', (): StmtRes => {
    let collect: IToken | undefined;
    this.OPTION(() => {
      collect = this.CONSUME(L.Collect);
    });
    const kind = this.SUBRULE(this.kindName);
    const name = this.SUBRULE(this.expr);
    this.CONSUME(L.OpenCurly, NL_ERR);
    const items: ResItem[] = [];
    this.MANY(() => {
      const item = this.SUBRULE(this.resLine);
      if (item) items.push(item);
    });
    const close = this.CONSUME(L.CloseCurly, RES_BODY_ERR);
    return this.ACTION((): StmtRes => ({
      kind: 'res',
      resKind: kind.name,
      kindSpan: this.sp(kind.first, kind.last),
      name,
      items,
      collect: collect !== undefined,
      span: this.sp(collect ?? kind.first, close),
    }));
  });

  /** One line of a resource body: a free NEWLINE (undefined) or an item ending in `,`. */
  resLine = this.RULE('resLine', (): ResItem | undefined => this.OR(this.resLineAlts));

  private resLineAlts = [
    { ALT: () => (this.CONSUME(L.Newline), undefined) },
    { ALT: () => this.SUBRULE(this.resField) },
    { ALT: () => this.SUBRULE(this.resCapItem) },
  ];

  /** `param => value,` or `param => cond ?: value,` */
  resField = this.RULE('resField', (): ResItem => {
    const name = this.CONSUME(L.Identifier);
    this.CONSUME(L.Rocket);
    const first = this.SUBRULE(this.expr);
    let second: Expr | undefined;
    this.OPTION(() => {
      this.CONSUME(L.Elvis);
      second = this.SUBRULE2(this.expr);
    });
    this.CONSUME(L.Comma, NL_ERR);
    return this.ACTION((): ResItem => {
      const value = second ?? first;
      return { kind: 'field', name: name.image, value, ...(second ? { cond: first } : {}), span: this.tsp(name, value.span) };
    });
  });

  /** `Meta:prop => v,`, `Meta => v,`, `Before => Kind[name],`, `Before => cond ?: Kind[name],` */
  resCapItem = this.RULE('resCapItem', (): ResItem => {
    const cap = this.CONSUME(L.Capitalized);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(L.Colon);
          const prop = this.CONSUME(L.Identifier);
          this.CONSUME(L.Rocket);
          const first = this.SUBRULE(this.expr);
          let second: Expr | undefined;
          this.OPTION(() => {
            this.CONSUME(L.Elvis);
            second = this.SUBRULE2(this.expr);
          });
          this.CONSUME(L.Comma, NL_ERR);
          return this.ACTION((): ResItem => {
            const value = second ?? first;
            this.checkMeta(cap);
            return { kind: 'meta', property: prop.image, value, ...(second ? { cond: first } : {}), span: this.tsp(cap, value.span) };
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(L.Rocket);
          let half: EdgeHalf | undefined;
          let first: Expr | undefined;
          let second: Expr | undefined;
          this.OR2([
            {
              ALT: () => {
                half = this.SUBRULE(this.edgeHalf);
              },
            },
            {
              ALT: () => {
                first = this.SUBRULE3(this.expr);
                this.OPTION2(() => {
                  this.CONSUME2(L.Elvis);
                  this.OR3([
                    {
                      ALT: () => {
                        half = this.SUBRULE2(this.edgeHalf);
                      },
                    },
                    {
                      ALT: () => {
                        second = this.SUBRULE4(this.expr);
                      },
                    },
                  ]);
                });
              },
            },
          ]);
          this.CONSUME2(L.Comma, NL_ERR);
          return this.ACTION((): ResItem => {
            const property = cap.image.toLowerCase();
            if (half) {
              return { kind: 'edgeprop', property, half, ...(first ? { cond: first } : {}), span: this.tsp(cap, half.span) };
            }
            this.checkMeta(cap);
            const value = second ?? first!;
            return { kind: 'meta', value, ...(second ? { cond: first } : {}), span: this.tsp(cap, value.span) };
          });
        },
      },
    ]);
  });

  private checkMeta(cap: IToken): void {
    const name = cap.image.toLowerCase();
    if (name !== 'meta') this.fail(`parser: \`can't use unknown resource field: ${name}\``, this.at(cap));
  }

  /** `Kind:Sub[name]`: the kind is lowercased and `:`-joined. */
  edgeHalf = this.RULE('edgeHalf', (): EdgeHalf => {
    const first = this.CONSUME(L.Capitalized);
    let kind = first.image.toLowerCase();
    this.MANY(() => {
      this.CONSUME(L.Colon);
      kind += ':' + this.CONSUME2(L.Capitalized).image.toLowerCase();
    });
    this.CONSUME(L.OpenBrack);
    const name = this.SUBRULE(this.expr);
    const close = this.CONSUME(L.CloseBrack, NL_ERR);
    return this.ACTION((): EdgeHalf => ({ kind: 'edgehalf', resKind: kind, name, span: this.sp(first, close) }));
  }, { recoveryValueFunc: (): EdgeHalf => ({ kind: 'edgehalf', resKind: '', name: this.missingExpr(), span: this.at(this.here()) }) });

  /** `A -> B -> C`, or the send/recv pair `A.key -> B.key`. */
  edge = this.RULE('edge', (): StmtEdge => {
    const halves: EdgeHalf[] = [this.SUBRULE(this.edgeHalf)];
    this.OR([
      {
        ALT: () => {
          this.CONSUME(L.Dot);
          const f1 = this.CONSUME(L.Identifier);
          this.CONSUME(L.Arrow);
          const h2 = this.SUBRULE2(this.edgeHalf);
          this.CONSUME2(L.Dot);
          const f2 = this.CONSUME2(L.Identifier);
          this.ACTION(() => {
            halves[0] = { ...halves[0], field: f1.image, span: this.spt(halves[0].span, f1) };
            halves.push({ ...h2, field: f2.image, span: this.spt(h2.span, f2) });
          });
        },
      },
      {
        ALT: () =>
          this.MANY(() => {
            this.CONSUME2(L.Arrow);
            halves.push(this.SUBRULE3(this.edgeHalf));
          }),
      },
    ]);
    return this.ACTION((): StmtEdge => ({ kind: 'edge', halves, span: this.ss(halves[0].span, halves[halves.length - 1].span) }));
  });

  /** `if cond { stmts } [else { stmts }]`: no `else if`. */
  ifStmt = this.RULE('ifStmt', (): StmtIf => {
    const i = this.CONSUME(L.If);
    const cond = this.SUBRULE(this.expr);
    const then = this.SUBRULE(this.block);
    let els: Block | undefined;
    this.OPTION(() => {
      this.CONSUME(L.Else);
      els = this.SUBRULE2(this.block);
    });
    return this.ACTION((): StmtIf => ({ kind: 'if', cond, then, ...(els ? { else: els } : {}), span: this.tsp(i, (els ?? then).span) }));
  });

  /** `for $i, $v in expr { stmts }` */
  forStmt = this.RULE('forStmt', (): StmtFor => {
    const f = this.CONSUME(L.For);
    const h = this.SUBRULE(this.loopHead);
    return this.ACTION((): StmtFor => ({
      kind: 'for',
      index: h.a.image,
      indexSpan: this.sp(h.ad, h.a),
      value: h.b.image,
      valueSpan: this.sp(h.bd, h.b),
      expr: h.expr,
      body: h.body,
      span: this.tsp(f, h.body.span),
    }));
  });

  /** `forkv $k, $v in expr { stmts }` */
  forkvStmt = this.RULE('forkvStmt', (): StmtForKV => {
    const f = this.CONSUME(L.ForKV);
    const h = this.SUBRULE(this.loopHead);
    return this.ACTION((): StmtForKV => ({
      kind: 'forkv',
      key: h.a.image,
      keySpan: this.sp(h.ad, h.a),
      value: h.b.image,
      valueSpan: this.sp(h.bd, h.b),
      expr: h.expr,
      body: h.body,
      span: this.tsp(f, h.body.span),
    }));
  });

  loopHead = this.RULE('loopHead', () => {
    const ad = this.CONSUME(L.Dollar);
    const a = this.SUBRULE(this.nameTok);
    this.CONSUME(L.Comma);
    const bd = this.CONSUME2(L.Dollar);
    const b = this.SUBRULE2(this.nameTok);
    this.CONSUME(L.In);
    const expr = this.SUBRULE(this.expr);
    const body = this.SUBRULE(this.block);
    return { ad, a, bd, b, expr, body };
  });

  /** `func name(params) [type] { expr }` */
  funcStmt = this.RULE('funcStmt', (): StmtFunc => {
    const fn = this.CONSUME(L.Func);
    const name = this.SUBRULE(this.nameTok);
    const params = this.SUBRULE(this.params);
    let ret: Type | undefined;
    this.OPTION(() => {
      ret = this.SUBRULE(this.type);
    });
    const body = this.SUBRULE(this.exprBlock);
    return this.ACTION((): StmtFunc => {
      const span = this.sp(fn, body.close);
      return {
        kind: 'func',
        name: name.image,
        nameSpan: this.sp(name),
        func: { kind: 'func', params: params.params, ...(ret ? { ret } : {}), body: body.expr, span },
        span,
      };
    });
  });

  /** `class name[(params)] { stmts }`; the name may be `a:b:c`. */
  classStmt = this.RULE('classStmt', (): StmtClass => {
    const c = this.CONSUME(L.Class);
    const name = this.SUBRULE(this.kindName);
    let params: ReturnType<typeof this.params> | undefined;
    this.OPTION(() => {
      params = this.SUBRULE(this.params);
    });
    const body = this.SUBRULE(this.block);
    return this.ACTION((): StmtClass => ({
      kind: 'class',
      name: name.name,
      nameSpan: this.sp(name.first, name.last),
      ...(params ? { params: params.params } : {}),
      body,
      span: this.tsp(c, body.span),
    }));
  });

  /** `include name[(args)] [as alias]` */
  includeStmt = this.RULE('includeStmt', (): StmtInclude => {
    const inc = this.CONSUME(L.Include);
    const name = this.SUBRULE(this.dotted);
    let last = name.last;
    let args: Expr[] | undefined;
    let alias: string | undefined;
    this.OPTION(() => {
      const a = this.SUBRULE(this.args);
      args = a.args;
      last = a.close;
    });
    this.OPTION2(() => {
      this.CONSUME(L.As);
      last = this.CONSUME(L.Identifier);
      alias = last.image;
    });
    return this.ACTION((): StmtInclude => ({
      kind: 'include',
      name: name.name,
      nameSpan: this.sp(name.first, name.last),
      ...(args ? { args } : {}),
      ...(alias !== undefined ? { alias } : {}),
      span: this.sp(inc, last),
    }));
  });

  /** `import "name" [as alias | as *]` */
  importStmt = this.RULE('importStmt', (): StmtImport => {
    const imp = this.CONSUME(L.Import);
    const path = this.CONSUME(L.StringLit);
    let last = path;
    this.OPTION(() => {
      this.CONSUME(L.As);
      last = this.OR([{ ALT: () => this.CONSUME(L.Identifier) }, { ALT: () => this.CONSUME(L.Multiply) }]);
    });
    return this.ACTION((): StmtImport => ({
      kind: 'import',
      name: path.image.slice(1, -1),
      ...(last !== path ? { alias: last.image } : {}),
      span: this.sp(imp, last),
    }));
  });

  /** `panic(args)`: a statement, not a callable function. */
  panicStmt = this.RULE('panicStmt', (): StmtPanic => {
    const p = this.CONSUME(L.Panic);
    const args = this.SUBRULE(this.args);
    return this.ACTION((): StmtPanic => ({ kind: 'panic', args: args.args, span: this.sp(p, args.close) }));
  });
}
