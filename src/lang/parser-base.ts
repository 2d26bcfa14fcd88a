// The base of the mcl parser: span helpers, semantic errors, the two forms of
// bracketed lists, names and type annotations. The AST is built in the rule
// actions (no CST), so a 100k-resource program does not pay for a tree it
// throws away. Rule bodies run once at construction to record the grammar:
// node building goes in ACTION so it is skipped then.
//
// Error messages: a failing CONSUME or OR reports its "expecting" list through
// ERR_MSG (token names joined by " or "), or NOLIST where upstream's LALR parser
// would be in a state with too many choices to list (reference §11.1).

import { EmbeddedActionsParser, type ConsumeMethodOpts, type IParserConfig, type IToken, type ParserMethod } from 'chevrotain';
import type { Expr } from './ast.js';
import { LangError, type Span } from './errors.js';
import { T, typeString, type FuncArg, type StructField, type Type } from './types/type.js';
import * as L from './lexer.js';

/** ERR_MSG for "print no expecting list" (chevrotain ignores an empty ERR_MSG). */
export const NOLIST = '-';
export const NL_ERR = { ERR_MSG: NOLIST };

/** A semantic error found while parsing (bad annotation, unknown field, chained comparison). */
export class ParseAbort extends Error {
  constructor(readonly error: LangError) {
    super(error.detail);
  }
}

export interface Dotted {
  name: string;
  first: IToken;
  last: IToken;
}

/** How a bracketed list was written. */
export type Form = 'empty' | 'single' | 'multi';

export class ParserBase extends EmbeddedActionsParser {
  /** The file being parsed, as the user sees it (put in every Span). */
  fileName = '';
  /** In recovery mode semantic errors are collected instead of thrown. */
  collectErrors = false;
  semErrors: LangError[] = [];
  /**
   * A type that cannot be set (a struct type with a field twice, an annotation
   * its literal contradicts). Upstream records these and parses on: the last
   * one is reported, and only when the rest of the file parses.
   */
  setTypeError?: LangError;

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

  /** The last token read (or the next one at the start): where a recovered node is placed. */
  here(): IToken {
    const t = this.LA(0);
    return Number.isFinite(t.startOffset) ? t : this.LA(1);
  }

  // Recovery (editors only): a rule that could not be parsed returns these
  // stand-ins, so the tree around it can still be built.
  readonly missingExpr = (): Expr => ({ kind: 'str', raw: '', span: this.at(this.here()) });
  readonly missingTok = (): IToken => this.here();
  readonly recoverExpr = { recoveryValueFunc: this.missingExpr };

  /** Record a "can't set return type" error: see setTypeError. */
  setTypeFail(detail: string, span: Span): void {
    this.setTypeError = new LangError('errLexParse', `can't set return type in parser: \`can't set return type in parser: ${detail}\``, span);
  }

  fail(detail: string, span: Span): void {
    const err = new LangError('errLexParse', detail, span);
    if (this.collectErrors) this.semErrors.push(err);
    else throw new ParseAbort(err);
  }

  /**
   * The inside of a bracketed list, in one of its two forms:
   *   single-line: item { "," item }           (no trailing comma)
   *   multi-line:  NEWLINE { NEWLINE | item "," NEWLINE }
   * or nothing. Call it at most once per rule (it uses OPTION, OR, OR2, MANY,
   * MANY2 and CONSUME/SUBRULE indexes 1-3).
   */
  items<I>(item: ParserMethod<[], I>, out: I[], commaErr?: ConsumeMethodOpts): Form {
    let form: Form = 'empty';
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            form = 'multi';
            this.CONSUME(L.Newline);
            this.MANY(() =>
              this.OR2([
                { ALT: () => this.CONSUME2(L.Newline) },
                {
                  ALT: () => {
                    const it = this.SUBRULE(item);
                    if (it !== undefined) out.push(it); // undefined after recovery
                    this.CONSUME(L.Comma, commaErr);
                    this.CONSUME3(L.Newline);
                  },
                },
              ]),
            );
          },
        },
        {
          ALT: () => {
            form = 'single';
            const first = this.SUBRULE2(item);
            if (first !== undefined) out.push(first);
            this.MANY2(() => {
              this.CONSUME2(L.Comma);
              const it = this.SUBRULE3(item);
              if (it !== undefined) out.push(it);
            });
          },
        },
      ]),
    );
    return form;
  }

  // ------------------------------------------------------------ names

  /** `name = IDENTIFIER | "map" | "collect"`: var, function and dotted-path names. */
  nameTok = this.RULE('nameTok', (): IToken => this.OR(this.nameAlts));

  private nameAlts = [{ ALT: () => this.CONSUME(L.Identifier) }, { ALT: () => this.CONSUME(L.MapKw) }, { ALT: () => this.CONSUME(L.Collect) }];

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

  type = this.RULE('type', (): Type => this.OR(this.typeAlts));

  private typeAlts = [
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
  ];

  /** `struct{a int; b str}`: no trailing `;`. */
  structType = this.RULE('structType', (): Type => {
    this.CONSUME(L.StructKw);
    this.CONSUME(L.OpenCurly);
    const fields: StructField[] = [];
    this.OPTION(() => {
      fields.push(this.SUBRULE(this.structTypeField));
      this.MANY(() => {
        this.CONSUME(L.Semicolon);
        fields.push(this.SUBRULE2(this.structTypeField));
      });
    });
    const close = this.CONSUME(L.CloseCurly, { ERR_MSG: fields.length ? 'CLOSE_CURLY or SEMICOLON' : 'CLOSE_CURLY or IDENTIFIER' });
    return this.ACTION(() => {
      const seen = new Set<string>();
      const dup = fields.find((f) => seen.size === seen.add(f.name).size);
      if (dup) this.setTypeFail(`duplicate struct field of \`${dup.name} ${typeString(dup.type)}\``, this.at(close));
      return T.struct(fields);
    });
  });

  structTypeField = this.RULE('structTypeField', (): StructField => {
    const name = this.CONSUME(L.Identifier).image;
    return { name, type: this.SUBRULE(this.type) };
  });

  /** `func(int, $b str) bool`, single- or multi-line argument list. */
  funcType = this.RULE('funcType', (): Type => {
    this.CONSUME(L.Func);
    this.CONSUME(L.OpenParen);
    const args: FuncArg[] = [];
    this.items(this.typeArg, args);
    const close = this.CONSUME(L.CloseParen);
    const ret = this.SUBRULE(this.type);
    return this.ACTION(() => {
      const seen = new Set<string>();
      const dup = args.find((a) => a.name !== undefined && seen.size === seen.add(a.name).size);
      if (dup) this.setTypeFail(`duplicate arg name of \`${dup.name}\``, this.at(close));
      return T.func(args, ret);
    });
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
}
