// The unification solver: type variables, substitution, and `unify` with
// upstream's error texts (`type error: str != int`, `struct fields differ`…).

import { kindName, T } from './type.js';
import type { FuncType } from '../funcs/registry.js';
import type { Type } from './type.js';

export class UnifyError extends Error {}

type TVar = Type & { k: 'var' };

export class Unifier {
  private readonly subst = new Map<number, Type>();
  private next = 1;
  /** While trying a unification, the variables it bound, so they can be undone. */
  private trail?: number[];

  fresh(): Type {
    return { k: 'var', id: this.next++ };
  }

  /** Follow variable links at the top level only. */
  find(t: Type): Type {
    while (t.k === 'var') {
      const s = this.subst.get(t.id);
      if (!s) return t;
      t = s;
    }
    return t;
  }

  /** Fully resolve a type (variables left unresolved stay as they are). */
  zonk(t: Type): Type {
    t = this.find(t);
    switch (t.k) {
      case 'list':
        return T.list(this.zonk(t.elem));
      case 'map':
        return T.map(this.zonk(t.key), this.zonk(t.val));
      case 'struct':
        return T.struct(t.fields.map((f) => ({ name: f.name, type: this.zonk(f.type) })));
      case 'func':
        return T.func(
          t.args.map((a) => ({ name: a.name, type: this.zonk(a.type) })),
          this.zonk(t.ret),
        );
      default:
        return t;
    }
  }

  zonkFunc(t: FuncType): FuncType {
    return this.zonk(t) as FuncType;
  }

  /** A copy of `t` with every `?name` variable replaced by a fresh one (one per distinct variable). */
  instantiate(t: Type): Type {
    const map = new Map<number, Type>();
    const go = (x: Type): Type => {
      switch (x.k) {
        case 'var': {
          let v = map.get(x.id);
          if (!v) {
            v = this.fresh();
            map.set(x.id, v);
          }
          return v;
        }
        case 'list':
          return T.list(go(x.elem));
        case 'map':
          return T.map(go(x.key), go(x.val));
        case 'struct':
          return T.struct(x.fields.map((f) => ({ name: f.name, type: go(f.type) })));
        case 'func':
          return T.func(
            x.args.map((a) => ({ name: a.name, type: go(a.type) })),
            go(x.ret),
          );
        default:
          return x;
      }
    };
    return go(t);
  }

  private occurs(v: TVar, t: Type): boolean {
    t = this.find(t);
    switch (t.k) {
      case 'var':
        return t.id === v.id;
      case 'list':
        return this.occurs(v, t.elem);
      case 'map':
        return this.occurs(v, t.key) || this.occurs(v, t.val);
      case 'struct':
        return t.fields.some((f) => this.occurs(v, f.type));
      case 'func':
        return t.args.some((a) => this.occurs(v, a.type)) || this.occurs(v, t.ret);
      default:
        return false;
    }
  }

  /**
   * Make `a` and `b` equal or throw a UnifyError. `a` is the expected side:
   * it is printed first, unless `b` was already learned through a variable.
   * `variant` (params of any type) is compatible with everything.
   */
  unify(a: Type, b: Type): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra.k === 'var' || rb.k === 'var') {
      if (ra.k === 'var' && rb.k === 'var' && ra.id === rb.id) return;
      const [v, t] = ra.k === 'var' ? [ra, rb] : [rb as TVar, ra];
      if (this.occurs(v, t)) throw new UnifyError('directly in the same set');
      this.subst.set(v.id, t);
      this.trail?.push(v.id);
      return;
    }
    if (ra.k === 'variant' || rb.k === 'variant') return;
    const learned = a.k === 'var' && b.k !== 'var';
    if (ra.k !== rb.k) {
      const [x, y] = learned ? [ra, rb] : [ra, rb];
      throw new UnifyError(`type error: ${kindName(x)} != ${kindName(y)}`);
    }
    switch (ra.k) {
      case 'list':
        return this.unify(ra.elem, (rb as typeof ra).elem);
      case 'map': {
        const m = rb as typeof ra;
        this.unify(ra.key, m.key);
        this.unify(ra.val, m.val);
        return;
      }
      case 'struct': {
        const s = rb as typeof ra;
        if (ra.fields.length !== s.fields.length) throw new UnifyError('struct field count differs');
        ra.fields.forEach((f, i) => {
          if (f.name !== s.fields[i].name) throw new UnifyError('struct fields differ');
        });
        ra.fields.forEach((f, i) => this.unify(f.type, s.fields[i].type));
        return;
      }
      case 'func': {
        const f = rb as typeof ra;
        if (ra.args.length !== f.args.length) throw new UnifyError('func arg count differs');
        ra.args.forEach((x, i) => this.unify(x.type, f.args[i].type));
        this.unify(ra.ret, f.ret);
        return;
      }
      default:
        return;
    }
  }

  /** Would `a` and `b` unify? Leaves no trace either way. */
  compatible(a: Type, b: Type): boolean {
    const outer = this.trail;
    const trail: number[] = [];
    this.trail = trail;
    try {
      this.unify(a, b);
      return true;
    } catch {
      return false;
    } finally {
      for (const id of trail) this.subst.delete(id);
      this.trail = outer;
    }
  }
}
