// Ordering (errSetScope): statement order never matters, but duplicate names
// and reference cycles in any block are rejected, with the byline of the culprit.

import { describe, expect, it } from 'vitest';
import { errorOf, lines } from '../helpers/compile.js';

describe('order of statements', () => {
  it('uses may come before definitions, at any depth', async () => {
    const prog = [
      'include later("x")',
      '$b = "${a}-b"',
      'class later($p) {',
      '\ttest "${p}-${b}" {}',
      '}',
      '$a = "a"',
      '',
    ].join('\n');
    expect(await lines(prog)).toEqual(['Vertex: test[x-a-b]']);
  });
});

describe('duplicates', () => {
  it('rejects two binds of one name in a block, naming the later one', async () => {
    const e = await errorOf('$v = 1\ntest "a" {}\n$v = 2\n');
    expect(e.stage).toBe('errSetScope');
    expect(e.text()).toBe('could not generate ordering: duplicate assignment to `var:v`, have: bind(v): /main.mcl @ 3:1-3:7');
  });

  it('rejects duplicate funcs and duplicate aliases', async () => {
    expect((await errorOf('func f() { 1 }\nfunc f() { 2 }\n')).text()).toMatch(/duplicate assignment to `func:f`, have: func\(f\): \/main.mcl @ 2:1/);
    const alias = await errorOf('import "fmt" as z\nclass c {}\ninclude c as z\n');
    expect(alias.stage).toBe('errSetScope');
    expect(alias.text()).toMatch(/duplicate assignment to `scoped:z`, have: import\(fmt\)/);
  });

  it('an import of the same name or alias twice is about the import, as upstream says it, not a duplicate assignment', async () => {
    const twice = await errorOf('import "fmt"\nimport "fmt"\ntest "t" {}\n');
    expect(twice.stage).toBe('errSetScope');
    expect(twice.text()).toBe('import `fmt` already exists in this scope: /main.mcl @ 2:1-2:13');
    const alias = await errorOf('import "fmt" as x\nimport "math" as x\ntest "t" {}\n');
    expect(alias.text()).toBe('import alias `x` already exists in this scope: /main.mcl @ 2:1-2:19');
  });

  it('checks blocks that are never used', async () => {
    const e = await errorOf('class unused {\n\t$q = 1\n\t$q = 2\n}\n');
    expect(e.stage).toBe('errSetScope');
    expect(e.span?.line).toBe(3);
  });

  it('allows the same name in different blocks (shadowing)', async () => {
    expect(await lines('$n = "top"\nif true {\n\t$n = "inner"\n\ttest "${n}" {}\n}\ntest "${n}" {}\n')).toEqual([
      'Vertex: test[inner]',
      'Vertex: test[top]',
    ]);
  });
});

describe('cycles', () => {
  it('rejects a bind that refers to itself even when an outer one exists', async () => {
    const e = await errorOf('$s = "x"\nclass k {\n\t$s = "${s}y"\n}\ninclude k\n');
    expect(e.stage).toBe('errSetScope');
    expect(e.text()).toMatch(/^recursive reference while setting scope: not a dag: /);
  });

  it('rejects mutual recursion between binds and between functions', async () => {
    expect((await errorOf('$p = $q\n$q = $p\ntest "x" {}\n')).text()).toMatch(/not a dag: \/main.mcl @ 1:6-1:8, \/main.mcl @ 2:6-2:8$/);
    expect((await errorOf('func f($n) { g($n) }\nfunc g($n) { f($n) }\n')).stage).toBe('errSetScope');
  });

  it('rejects a lambda calling itself and classes including each other', async () => {
    expect((await errorOf('$f = func($n) { $f($n) }\n')).text()).toMatch(/not a dag/);
    expect((await errorOf('class a {\n\tinclude b\n}\nclass b {\n\tinclude a\n}\n')).text()).toMatch(/not a dag/);
  });

  it('rejects a cycle through the captured scope of an include alias (found by the fuzz test)', async () => {
    // $y -> $x -> $c.y, where the instance scope of `c` exports the outer $y
    const e = await errorOf('$y = $x\nclass foo() {\n\t$x = "hello"\n}\ninclude foo() as c\n$x = $c.y\ntest "${x}" {}\n');
    expect(e.stage).toBe('errSetScope');
    expect(e.text()).toMatch(/^recursive reference while setting scope: not a dag: \/main.mcl @ 1:1-1:3$/);
  });

  it('rejects a cycle through an include alias that needs its own instance (found by the fuzz test)', async () => {
    // foo's body looks up $x.zz, misses its own alias x, and reaches the outer
    // alias x, whose argument needs foo's instance again
    const prog = 'class bar($z) {\n}\nclass foo() {\n\tinclude bar("hello") as x\n\t$y = $x.zz\n\ttest [$y + "a"] {}\n}\ninclude foo() as c\ninclude bar($c.y) as x\ntest [$x.zz + "b"] {}\n';
    const e = await errorOf(prog);
    expect(e.stage).toBe('errSetScope');
    expect(e.text()).toMatch(/^recursive reference while setting scope: not a dag: \/main.mcl @ 8:1-8:19$/);
  });
});
