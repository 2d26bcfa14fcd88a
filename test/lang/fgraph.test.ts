// The function engine: values of expressions, untaken branches, loops,
// catchable errors and `<|>`, and fatal stream errors.

import { describe, expect, it } from 'vitest';
import { errorOf, lines } from '../helpers/compile.js';

describe('if, for and forkv', () => {
  it('evaluates only the taken branch', async () => {
    const prog = '$l = ["a"]\n$v = if len($l) > 0 { $l[0] } else { $l[5] }\ntest [$v] {}\nif false {\n\ttest [$l[9]] {}\n} else {\n\ttest "else" {}\n}\n';
    expect(await lines(prog)).toEqual(['Vertex: test[a]', 'Vertex: test[else]']);
  });

  it('loops over lists with index and value', async () => {
    const prog = 'import "fmt"\nfor $i, $name in ["x", "y", "z"] {\n\ttest [fmt.printf("%d=%s", $i, $name)] {}\n}\n';
    expect(await lines(prog)).toEqual(['Vertex: test[0=x]', 'Vertex: test[1=y]', 'Vertex: test[2=z]']);
  });

  it('loops over maps in key order', async () => {
    const prog = 'import "fmt"\nforkv $k, $v in {"b" => 2, "a" => 1} {\n\ttest [fmt.printf("%s%d", $k, $v)] {}\n}\n';
    expect(await lines(prog)).toEqual(['Vertex: test[a1]', 'Vertex: test[b2]']);
  });

  it('nests loops and ifs', async () => {
    const prog = 'for $i, $a in ["p", "q"] {\n\tfor $j, $b in ["1", "2"] {\n\t\tif $a == "q" or $b == "1" {\n\t\t\ttest "${a}${b}" {}\n\t\t}\n\t}\n}\n';
    expect(await lines(prog)).toEqual(['Vertex: test[p1]', 'Vertex: test[q1]', 'Vertex: test[q2]']);
  });
});

describe('catchable errors and <|>', () => {
  it('replaces a failed lookup, and leaves the right side alone otherwise', async () => {
    const prog = '$l = ["only"]\n$m = {"k" => "v"}\ntest [$l[3] <|> "dflt", $l[0] <|> $l[7], $m["nope"] <|> "m-dflt"] {}\n';
    expect(await lines(prog)).toEqual(['Vertex: test[dflt]', 'Vertex: test[m-dflt]', 'Vertex: test[only]']);
  });

  it('carries the error through operators, calls and variables', async () => {
    const prog = 'import "fmt"\n$l = [1]\n$n = $l[4] * 2\nfunc inc($x) { $x + 1 }\ntest [fmt.printf("%d", inc($n)) <|> "caught"] {}\n';
    expect(await lines(prog)).toEqual(['Vertex: test[caught]']);
  });

  it('chains alternatives left to right', async () => {
    expect(await lines('$l = ["z"]\ntest [$l[1] <|> $l[2] <|> $l[0]] {}\n')).toEqual(['Vertex: test[z]']);
  });

  it('catches per element inside a loop', async () => {
    const prog = '$items = ["a", "b"]\nfor $i, $idx in [1, 5, 0] {\n\ttest [$items[$idx] <|> "missing"] {}\n}\n';
    expect(await lines(prog)).toEqual(['Vertex: test[a]', 'Vertex: test[b]', 'Vertex: test[missing]']);
  });

  it('is fatal at a sink where it is used uncaught, with the byline of the lookup', async () => {
    const e = await errorOf('$l = ["a"]\n$x = $l[42]\ntest [$x <|> "ok"] {}\ntest [$x] {}\n');
    expect(e.stage).toBe('errStream');
    expect(e.text()).toBe('list index not present, got: 42, len is: 1, in: ["a"]: /main.mcl @ 2:6-2:12');
  });

  it('does not catch fatal errors', async () => {
    // a printf format known only at run time is checked at run time, fatally
    const e = await errorOf('import "fmt"\n$w = "w"\ntest [fmt.printf("${w}%d", "s") <|> "x"] {}\n');
    expect(e.stage).toBe('errStream');
  });
});

describe('values', () => {
  it('evaluates a bind once and shares it', async () => {
    expect(await lines('$r = random1(8)\ntest [$r] {}\ntest [$r] {}\n')).toHaveLength(1);
  });

  it('computes struct, map and list operations', async () => {
    const prog = [
      'import "fmt"',
      'import "list"',
      'import "map"',
      '$s = struct{host => "h", port => 22}',
      '$m = {"x" => 1, "y" => 2}',
      '$l = list.concat(["a"], ["b", "c"])',
      'test [fmt.printf("%s:%d", $s->host, $s->port)] {}',
      'test [fmt.printf("%v", map.keys($m)), fmt.printf("%d", len($l)), fmt.printf("%t", contains("b", $l))] {}',
      '',
    ].join('\n');
    expect(await lines(prog)).toEqual(['Vertex: test[3]', 'Vertex: test[["x", "y"]]', 'Vertex: test[h:22]', 'Vertex: test[true]']);
  });

  it('calls functions returned by functions and stored in lists', async () => {
    const prog = '$adder = func($a) { func($b) { $a + $b } }\n$fs = [func($s) { "${s}!" }]\n$add2 = $adder(2)\ntest [$fs[0]("hey"), "${add2}"] {}\n';
    // calling the result of an index expression is not in the grammar
    expect((await errorOf(prog)).stage).toBe('errLexParse');
    const ok = 'import "fmt"\n$adder = func($a) { func($b) { $a + $b } }\n$add2 = $adder(2)\ntest [fmt.printf("%d", $add2(40))] {}\n';
    expect(await lines(ok)).toEqual(['Vertex: test[42]']);
  });
});
