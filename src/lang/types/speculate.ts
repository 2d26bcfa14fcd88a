// Cheap facts about an expression known before unification: its
// "speculative" type (decides whether a resource name is one `str` or a
// `[]str` of names, §7.1 of the reference), its static value (what printf
// and decode_json may inspect at compile time), and upstream's short text
// form of an expression for messages.

import type { IExpr } from '../ir.js';
import { T } from './type.js';
import type { Type } from './type.js';
import { typeEqual } from './type.js';
import type { Value } from './value.js';
import { formatValue } from './value.js';

/**
 * `inLookup`: inside the object of a struct field lookup. Upstream knows a
 * lookup's type once that lookup was inferred, which a lookup of a lookup
 * (through a class argument, say) has not been yet: one level is seen through.
 */
export function speculativeType(e: IExpr, depth = 0, inLookup = false): Type | undefined {
  if (depth > 64) return undefined;
  const spec = (x: IExpr) => speculativeType(x, depth + 1, inLookup);
  switch (e.k) {
    case 'const':
      return e.type;
    case 'interp':
      return T.str;
    case 'list': {
      if (e.elems.length === 0) return undefined;
      const ts = e.elems.map(spec);
      const first = ts[0];
      return first && ts.every((t) => t && typeEqual(t, first)) ? T.list(first) : undefined;
    }
    case 'ref': {
      const b = e.binding;
      if (b.k === 'const') return b.type;
      if (b.k === 'param') return undefined;
      if (b.type) return b.type;
      return spec(b.k === 'bind' ? b.expr() : b.expr);
    }
    case 'if':
    case 'except': {
      const [a, b] = e.k === 'if' ? [e.then, e.else] : [e.left, e.right];
      const ta = spec(a);
      const tb = spec(b);
      if (ta && tb) return typeEqual(ta, tb) ? ta : undefined;
      return ta ?? tb;
    }
    case 'callfunc': {
      if (e.params.some((p) => !p.type)) return undefined;
      return e.ret ?? spec(e.body);
    }
    case 'call': {
      if (!e.def.sig || Array.isArray(e.def.sig) || e.def.infer) return undefined;
      const m = /\)\s*([a-z\[\]{}: ;]+)$/.exec(e.def.sig);
      if (!m || m[1].includes('?')) return undefined;
      const ret = m[1].trim();
      if (ret === 'str') return T.str;
      if (ret === 'int') return T.int;
      if (ret === 'bool') return T.bool;
      if (ret === 'float') return T.float;
      return undefined;
    }
    case 'struct': {
      const fields = e.fields.map((f) => ({ name: f.name, type: spec(f.value) }));
      return fields.every((f) => f.type) ? T.struct(fields as { name: string; type: Type }[]) : undefined;
    }
    case 'field': {
      if (inLookup) return undefined;
      const obj = speculativeType(e.obj, depth + 1, true);
      return obj?.k === 'struct' ? obj.fields.find((f) => f.name === e.field)?.type : undefined;
    }
    case 'callvalue': {
      if (e.callee.k !== 'lambda') return undefined;
      if (e.callee.params.some((p) => !p.type)) return undefined;
      return e.callee.ret ?? spec(e.callee.body);
    }
    default:
      return undefined;
  }
}

/**
 * The value of an expression when it is a literal, or a variable bound to one.
 * Every literal looked at goes into `reads`: the types Unify derives depend on
 * their values (the fast path for literal edits re-runs Unify when one changes).
 */
export function staticValue(e: IExpr, depth = 0, reads?: Set<IExpr>): Value | undefined {
  if (depth > 64) return undefined;
  switch (e.k) {
    case 'const':
      reads?.add(e);
      return e.value;
    case 'ref': {
      const b = e.binding;
      if (b.k === 'const') return b.value;
      if (b.k === 'param') return undefined;
      return staticValue(b.k === 'bind' ? b.expr() : b.expr, depth + 1, reads);
    }
    case 'if': {
      const c = staticValue(e.cond, depth + 1, reads);
      if (typeof c !== 'boolean') return undefined;
      return staticValue(c ? e.then : e.else, depth + 1, reads);
    }
    case 'list': {
      const vs = e.elems.map((x) => staticValue(x, depth + 1, reads));
      return vs.every((v) => v !== undefined) ? (vs as Value[]) : undefined;
    }
    default:
      return undefined;
  }
}

/** The type of a static value, when its form tells (an empty list does not). */
export function typeOfValue(v: Value): Type | undefined {
  switch (typeof v) {
    case 'string':
      return T.str;
    case 'bigint':
      return T.int;
    case 'number':
      return T.float;
    case 'boolean':
      return T.bool;
    default: {
      if (!Array.isArray(v) || v.length === 0) return undefined;
      const elem = typeOfValue(v[0]);
      return elem && T.list(elem);
    }
  }
}

/** upstream's short description of an expression: `str("x")`, `var(name)`, `call:name(args)`. */
export function describeExpr(e: IExpr): string {
  switch (e.k) {
    case 'const':
      switch (typeof e.value) {
        case 'string':
          return `str(${JSON.stringify(e.value)})`;
        case 'bigint':
          return `int(${e.value})`;
        case 'number':
          return `float(${formatValue(e.value)})`;
        case 'boolean':
          return `bool(${e.value})`;
        default:
          return formatValue(e.value);
      }
    case 'ref':
      return `var(${e.name})`;
    case 'list':
      return `list(${e.elems.map(describeExpr).join(', ')})`;
    case 'map':
      return `map(${e.entries.map((x) => `${describeExpr(x.key)}: ${describeExpr(x.value)}`).join(', ')})`;
    case 'struct':
      return `struct(${e.fields.map((f) => `${f.name}: ${describeExpr(f.value)}`).join('; ')})`;
    case 'call':
      return `call:${e.fullName}(${e.args.map(describeExpr).join(', ')})`;
    case 'callfunc':
      return `call:${e.name}(${e.args.map(describeExpr).join(', ')})`;
    case 'callvalue':
      return `call:${describeExpr(e.callee)}(${e.args.map(describeExpr).join(', ')})`;
    case 'lambda':
      return `func(${e.params.map((p) => '$' + p.name).join(', ')}) { ${describeExpr(e.body)} }`;
    case 'interp':
      return `str(${JSON.stringify(e.parts.map((p) => (typeof p === 'string' ? p : '${…}')).join(''))})`;
    case 'if':
      return `if( ${describeExpr(e.cond)} ) { ${describeExpr(e.then)} } else { ${describeExpr(e.else)} }`;
    case 'op':
      return `call:_operator(str("${e.op}"), ${e.args.map(describeExpr).join(', ')})`;
    case 'index':
      return `call:_lookup(${describeExpr(e.obj)}, ${describeExpr(e.index)})`;
    case 'field':
      return `call:_struct_lookup(${describeExpr(e.obj)}, str("${e.field}"))`;
    case 'except':
      return `${describeExpr(e.left)} <|> ${describeExpr(e.right)}`;
  }
}
