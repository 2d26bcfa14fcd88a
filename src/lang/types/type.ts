// mcl types: the plain-data representation, the canonical string form
// (`map{str: []int}`), and a parser for type strings written in mcl syntax
// (used for annotations, builtin signatures and decode_json's type argument).

export type Type =
  | { k: 'bool' }
  | { k: 'str' }
  | { k: 'int' }
  | { k: 'float' }
  | { k: 'list'; elem: Type }
  | { k: 'map'; key: Type; val: Type }
  | { k: 'struct'; fields: StructField[] }
  | { k: 'func'; args: FuncArg[]; ret: Type }
  | { k: 'variant' }
  /** A type variable: `?1`. Only the unifier creates and resolves these. */
  | { k: 'var'; id: number; name?: string };

export interface StructField {
  name: string;
  type: Type;
}
export interface FuncArg {
  /** Argument names are documentation only: they never take part in comparisons. */
  name?: string;
  type: Type;
}

export type TypeKind = Type['k'];

export const T = {
  bool: { k: 'bool' } as Type,
  str: { k: 'str' } as Type,
  int: { k: 'int' } as Type,
  float: { k: 'float' } as Type,
  variant: { k: 'variant' } as Type,
  list: (elem: Type): Type => ({ k: 'list', elem }),
  map: (key: Type, val: Type): Type => ({ k: 'map', key, val }),
  struct: (fields: StructField[]): Type => ({ k: 'struct', fields }),
  func: (args: FuncArg[], ret: Type): Type => ({ k: 'func', args, ret }),
};

/** upstream's kind names as used in `type error: K1 != K2`. */
export function kindName(t: Type): string {
  return t.k === 'var' ? 'nil' : t.k;
}

/**
 * Canonical form: `[]str`, `map{str: int}`, `struct{a int; b str}`,
 * `func(a int, str) bool`. With `annotation`, func args are written as in
 * source code (`func($a int, str) bool`).
 */
export function typeString(t: Type, opts: { annotation?: boolean } = {}): string {
  const ts = (x: Type) => typeString(x, opts);
  const argName = (n: string) => (opts.annotation ? `$${n.replace(/^\$/, '')}` : n);
  switch (t.k) {
    case 'bool':
    case 'str':
    case 'int':
    case 'float':
    case 'variant':
      return t.k;
    case 'list':
      return `[]${ts(t.elem)}`;
    case 'map':
      return `map{${ts(t.key)}: ${ts(t.val)}}`;
    case 'struct':
      return `struct{${t.fields.map((f) => `${f.name} ${ts(f.type)}`).join('; ')}}`;
    case 'func':
      return `func(${t.args.map((a) => (a.name ? `${argName(a.name)} ${ts(a.type)}` : ts(a.type))).join(', ')}) ${ts(t.ret)}`;
    case 'var':
      return t.name ? `?${t.name}` : `?${t.id}`;
  }
}

/** Structural equality; func argument names and type-variable names are ignored. */
export function typeEqual(a: Type, b: Type): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'list':
      return typeEqual(a.elem, (b as typeof a).elem);
    case 'map': {
      const m = b as typeof a;
      return typeEqual(a.key, m.key) && typeEqual(a.val, m.val);
    }
    case 'struct': {
      const s = b as typeof a;
      return (
        a.fields.length === s.fields.length &&
        a.fields.every((f, i) => f.name === s.fields[i].name && typeEqual(f.type, s.fields[i].type))
      );
    }
    case 'func': {
      const f = b as typeof a;
      return a.args.length === f.args.length && a.args.every((x, i) => typeEqual(x.type, f.args[i].type)) && typeEqual(a.ret, f.ret);
    }
    case 'var':
      return a.id === (b as typeof a).id;
    default:
      return true;
  }
}

/** True when the type holds no type variable. */
export function isConcrete(t: Type): boolean {
  switch (t.k) {
    case 'var':
      return false;
    case 'list':
      return isConcrete(t.elem);
    case 'map':
      return isConcrete(t.key) && isConcrete(t.val);
    case 'struct':
      return t.fields.every((f) => isConcrete(f.type));
    case 'func':
      return t.args.every((a) => isConcrete(a.type)) && isConcrete(t.ret);
    default:
      return true;
  }
}

/** Types allowed as map keys: bool, str, int, float and structs of those. */
export function isHashable(t: Type): boolean {
  switch (t.k) {
    case 'bool':
    case 'str':
    case 'int':
    case 'float':
    case 'var':
      return true;
    case 'struct':
      return t.fields.every((f) => isHashable(f.type));
    default:
      return false;
  }
}

/**
 * Why `a` is not `b`, in the words of upstream's Type.Cmp, or undefined when
 * they agree. Type variables agree with anything (the solver decides those).
 */
export function typeCmp(a: Type, b: Type): string | undefined {
  if (a.k === 'var' || b.k === 'var') return undefined;
  if (a.k !== b.k) return `base kind does not match (${a.k} != ${b.k})`;
  switch (a.k) {
    case 'list':
      return typeCmp(a.elem, (b as typeof a).elem);
    case 'map': {
      const m = b as typeof a;
      return typeCmp(a.key, m.key) ?? typeCmp(a.val, m.val);
    }
    case 'struct': {
      const s = b as typeof a;
      if (a.fields.length !== s.fields.length) return 'struct field count differs';
      if (a.fields.some((f, i) => f.name !== s.fields[i].name)) return 'struct fields differ';
      for (let i = 0; i < a.fields.length; i++) {
        const d = typeCmp(a.fields[i].type, s.fields[i].type);
        if (d) return d;
      }
      return undefined;
    }
    case 'func': {
      const f = b as typeof a;
      if (a.args.length !== f.args.length) return 'func arg count differs';
      for (let i = 0; i < a.args.length; i++) {
        const d = typeCmp(a.args[i].type, f.args[i].type);
        if (d) return d;
      }
      return typeCmp(a.ret, f.ret);
    }
    default:
      return undefined;
  }
}

export class TypeParseError extends Error {}

/**
 * Parse a type written in mcl syntax. Type variables may be written `?1` or
 * `?a` (for builtin signatures); each distinct name maps to one variable in
 * the returned type via `vars`. With `lenient`, spaces around `:` and a
 * trailing `;` in structs are accepted (decode_json's type argument).
 */
export function parseType(src: string, opts: { vars?: Map<string, Type>; newVar?: (name: string) => Type; lenient?: boolean } = {}): Type {
  let pos = 0;
  const vars = opts.vars ?? new Map<string, Type>();
  let counter = 0;
  const newVar = opts.newVar ?? ((name: string): Type => ({ k: 'var', id: -1 - counter++, name }));

  const fail = (what: string): never => {
    throw new TypeParseError(`invalid type specification at ${pos}: ${what} in \`${src}\``);
  };
  const ws = () => {
    while (pos < src.length && (src[pos] === ' ' || src[pos] === '\t' || src[pos] === '\n')) pos++;
  };
  const eat = (s: string): boolean => {
    ws();
    if (src.startsWith(s, pos)) {
      pos += s.length;
      return true;
    }
    return false;
  };
  const expect = (s: string) => {
    if (!eat(s)) fail(`expected \`${s}\``);
  };
  const ident = (): string => {
    ws();
    const m = /^[a-z_][a-z0-9_]*/i.exec(src.slice(pos));
    if (!m) return fail('expected a name');
    pos += m[0].length;
    return m[0];
  };
  const word = (w: string): boolean => {
    ws();
    if (src.startsWith(w, pos) && !/[a-z0-9_]/i.test(src[pos + w.length] ?? '')) {
      pos += w.length;
      return true;
    }
    return false;
  };

  const typ = (): Type => {
    ws();
    if (src[pos] === '?') {
      pos++;
      const m = /^[a-z0-9_]+/i.exec(src.slice(pos));
      if (!m) return fail('expected a type variable name');
      pos += m[0].length;
      let v = vars.get(m[0]);
      if (!v) {
        v = newVar(m[0]);
        vars.set(m[0], v);
      }
      return v;
    }
    if (eat('[]')) return T.list(typ());
    if (word('bool')) return T.bool;
    if (word('str')) return T.str;
    if (word('int')) return T.int;
    if (word('float')) return T.float;
    if (word('variant')) return T.variant;
    if (word('map')) {
      expect('{');
      const key = typ();
      expect(':');
      const val = typ();
      expect('}');
      return T.map(key, val);
    }
    if (word('struct')) {
      expect('{');
      const fields: StructField[] = [];
      if (!eat('}')) {
        for (;;) {
          const name = ident();
          if (src[pos] !== ' ' && src[pos] !== '\t' && !opts.lenient) fail('expected a space after the field name');
          const ft = typ();
          if (fields.some((f) => f.name === name)) fail(`duplicate struct field \`${name} ${typeString(ft)}\``);
          fields.push({ name, type: ft });
          if (eat(';')) {
            if (opts.lenient && eat('}')) break;
            continue;
          }
          expect('}');
          break;
        }
      }
      return T.struct(fields);
    }
    if (word('func')) {
      expect('(');
      const args: FuncArg[] = [];
      if (!eat(')')) {
        for (;;) {
          ws();
          let name: string | undefined;
          if (src[pos] === '$') {
            pos++;
            name = ident();
          } else {
            // `func(a int)` is also accepted for signatures written by us.
            const save = pos;
            const m = /^([a-z_][a-z0-9_]*)\s+(?=[^,)\s])/.exec(src.slice(pos));
            if (m && !['bool', 'str', 'int', 'float', 'variant', 'map', 'struct', 'func'].includes(m[1])) {
              name = m[1];
              pos += m[0].length;
            } else pos = save;
          }
          args.push({ name, type: typ() });
          if (eat(',')) continue;
          expect(')');
          break;
        }
      }
      return T.func(args, typ());
    }
    return fail('expected a type');
  };

  const t = typ();
  ws();
  if (pos !== src.length) fail('unexpected trailing text');
  return t;
}

/** Replace type variables using `subst` (unresolved ones are kept). */
export function substitute(t: Type, subst: (v: Type & { k: 'var' }) => Type | undefined): Type {
  switch (t.k) {
    case 'var': {
      const r = subst(t);
      return r && r !== t ? substitute(r, subst) : t;
    }
    case 'list':
      return T.list(substitute(t.elem, subst));
    case 'map':
      return T.map(substitute(t.key, subst), substitute(t.val, subst));
    case 'struct':
      return T.struct(t.fields.map((f) => ({ name: f.name, type: substitute(f.type, subst) })));
    case 'func':
      return T.func(
        t.args.map((a) => ({ name: a.name, type: substitute(a.type, subst) })),
        substitute(t.ret, subst),
      );
    default:
      return t;
  }
}
