import { describe, expect, it } from 'vitest';
import { module as golang } from '../../../../src/lang/funcs/golang/index.js';
import { module as net } from '../../../../src/lang/funcs/net/index.js';
import { module as datetime } from '../../../../src/lang/funcs/datetime/index.js';
import { FatalError, InferError, Registry } from '../../../../src/lang/funcs/registry.js';
import type { CallContext, FuncType, ModuleDef } from '../../../../src/lang/funcs/registry.js';
import { parseType, T, typeString } from '../../../../src/lang/types/type.js';
import { FuncValue, MapValue, StructValue } from '../../../../src/lang/types/value.js';
import type { Value } from '../../../../src/lang/types/value.js';
import { fn, freshVars, testEnv } from '../harness.js';

const template = fn(golang, 'template');

// Stand-ins for library modules, so these tests do not depend on their progress.
const fakes: ModuleDef[] = [
  {
    path: 'golang/strings',
    funcs: [{ name: 'join', sig: 'func(a []str, sep str) str', fn: ([a, s]) => (a as string[]).join(s as string), doc: '' }],
  },
  {
    path: '',
    funcs: [
      { name: 'concat', sig: 'func(a str, b str) str', fn: ([a, b]) => (a as string) + (b as string), doc: '' },
      { name: 'len', sig: 'func(?1) int', fn: () => 0n, doc: '' },
    ],
  },
  {
    path: 'strings',
    funcs: [
      { name: 'to_upper', sig: 'func(a str) str', fn: ([a]) => (a as string).toUpperCase(), doc: '' },
      { name: 'split', sig: ['func(a str, b str) []str'], fn: ([a, b]) => (a as string).split(b as string), doc: '' },
    ],
  },
  {
    path: 'math',
    funcs: [
      { name: 'double', sig: 'func(a int) int', fn: ([a]) => (a as bigint) * 2n, doc: '' },
      { name: 'half', sig: 'func(a float) float', fn: ([a]) => (a as number) / 2, doc: '' },
      {
        name: 'fail',
        sig: 'func(a str) str',
        fn: () => {
          throw new Error('it broke');
        },
        doc: '',
      },
    ],
  },
];

function ctx(dataType?: string, mods: ModuleDef[] = fakes): CallContext {
  const registry = new Registry();
  for (const m of mods) registry.register(m);
  const args = [{ type: T.str }, ...(dataType ? [{ type: parseType(dataType) }] : [])];
  return { type: T.func(args, T.str) as FuncType, env: { ...testEnv(), registry }, base: '/' };
}

const run = (tmpl: string, data?: Value, dataType?: string, mods?: ModuleDef[]): string =>
  template.fn!(data === undefined ? [tmpl] : [tmpl, data], ctx(dataType, mods)) as string;

const err = (tmpl: string, data?: Value, dataType?: string): string => {
  try {
    run(tmpl, data, dataType);
  } catch (e) {
    expect(e).toBeInstanceOf(FatalError);
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

const struct = (o: Record<string, Value>) => new StructValue(Object.entries(o));

describe('golang.template: types', () => {
  it('infers func(str) str and func(str, T) str', () => {
    const t1 = template.infer!([{ type: T.str }], freshVars());
    expect(typeString(t1)).toBe('func(a str) str');
    const t2 = template.infer!([{ type: T.str }, { type: parseType('map{str: int}') }], freshVars());
    expect(typeString(t2)).toBe('func(a str, b map{str: int}) str');
    expect(() => template.infer!([], freshVars())).toThrow(InferError);
    expect(() => template.infer!([{ type: T.str }, { type: T.int }, { type: T.int }], freshVars())).toThrow('expected one or two args');
  });
});

describe('golang.template: the conformance cases', () => {
  it('prints lists of ints and strings in Go form (iterator cases)', () => {
    expect(run('out: {{ . }}', [1n, 2n, 3n, 4n, 5n, 6n], '[]int')).toBe('out: [1 2 3 4 5 6]');
    expect(run('out2: {{ . }}', ['aa', 'bb', 'cc'], '[]str')).toBe('out2: [aa bb cc]');
    expect(run('out: {{ . }}', ['zero', 'missing-42', 'one'], '[]str')).toBe('out: [zero missing-42 one]');
    expect(run('out1: {{ . }}', 42n, 'int')).toBe('out1: 42');
  });

  it('runs with a value it does not use (template-1)', () => {
    expect(run('hello', 42n, 'int')).toBe('hello');
    expect(run('hello')).toBe('hello');
  });

  it('indexes maps with int keys (template-list-map-int-key)', () => {
    const values = [MapValue.from([[42n, 'answer']])];
    expect(run('{{ range . }}{{ index . 42 }}{{ end }}', values, '[]map{int: str}')).toBe('answer');
  });

  it('reads Title-cased struct fields in lists (template-list-struct)', () => {
    const values = [struct({ name: 'one', value: 'alpha' }), struct({ name: 'two', value: 'beta' })];
    expect(run('{{ range . }}{{ .Name }}={{ .Value }};{{ end }}', values)).toBe('one=alpha;two=beta;');
  });

  it('ranges over struct-keyed maps in field order (template-map-struct-keys)', () => {
    const values = MapValue.from([
      [struct({ a: 'idea', b: 42n }), 'magic'],
      [struct({ a: 'amazing', b: 13n }), 'purple'],
    ]);
    const tmpl = '{{ range $key, $val := . }}{{ $key.A }};{{ $key.B }};{{ $val }}{{ end }}';
    expect(run(tmpl, values, 'map{struct{a str; b int}: str}')).toBe('amazing;13;purpleidea;42;magic');
  });

  it('chains map keys and struct fields (template-map-struct)', () => {
    const values = MapValue.from([
      ['first', struct({ name: 'one', value: 'alpha' })],
      ['second', struct({ name: 'two', value: 'beta' })],
    ]);
    expect(run('{{ .first.Name }}={{ .first.Value }};{{ .second.Name }}={{ .second.Value }};', values)).toBe('one=alpha;two=beta;');
  });

  it('fails on a missing field with Go text (template-missing-field)', () => {
    expect(err('{{ .Missing }}', struct({ present: 'hello' }))).toBe(
      'template: execution error: template: template:1:3: executing "template" at <.Missing>: map has no entry for key "Missing"',
    );
    // lower-case field names are not found either
    expect(err('num: {{ .num }}', struct({ num: 42n }))).toContain('map has no entry for key "num"');
  });

  it('prints ints, floats, and calls a registry function (template-struct)', () => {
    const values = struct({ a: 'purple', b: 42n, c: 3.14, l: ['opt1', 'opt2'] });
    const tmpl = '{{ .A }};{{ .B }};{{ .C }};{{ if .L }}{{ golang_strings_join .L "," }}{{ end }}';
    expect(run(tmpl, values, 'struct{a str; b int; c float; l []str}')).toBe('purple;42;3.14;opt1,opt2');
  });

  it('reads fields of a struct returned by a real library function (template-url-parser)', () => {
    const u = '(net_url_parser \\"https://www.example.com/search?q=mgmt\\")'.replace(/\\"/g, '"');
    const tmpl = `{{ ${u}.Scheme }} {{ ${u}.Host }} {{ ${u}.Path }} {{ ${u}.Raw_query }}`;
    expect(run(tmpl, undefined, undefined, [net])).toBe('https www.example.com /search q=mgmt');
  });

  it('passes mcl ints to int parameters (template-0 style)', () => {
    const out = run('{{ .Time }} is {{ datetime_print .Time }}', struct({ time: 0n }), undefined, [datetime]);
    expect(out).toMatch(/^0 is 1970-01-01 00:00:00 \+0000 UTC$/);
  });
});

describe('golang.template: the template function table', () => {
  it('names functions after their module and leaves out generic ones', () => {
    expect(run('{{ strings_to_upper "x" }}{{ _concat "a" "b" }}{{ math_double 21 }}')).toBe('Xab42');
    expect(err('{{ _len "x" }}')).toBe('template: parse error: template: template:1: function "_len" not defined');
    expect(err('{{ strings_split "a,b" "," }}')).toBe('template: parse error: template: template:1: function "strings_split" not defined');
  });

  it('converts literals to parameter types and checks computed values', () => {
    expect(run('{{ math_half 3 }} {{ math_half 1.5 }}')).toBe('1.5 0.75');
    expect(err('{{ math_double "x" }}')).toBe(
      'template: execution error: template: template:1:15: executing "template" at <"x">: expected integer; found "x"',
    );
    expect(err('{{ math_double . }}', 'x', 'str')).toBe(
      'template: execution error: template: template:1:15: executing "template" at <.>: wrong type for value; expected int; got string',
    );
    expect(err('{{ math_double 1 2 }}')).toContain('wrong number of args for math_double: want 1 got 2');
  });

  it('takes a piped value as the last argument', () => {
    expect(run('{{ "ab" | strings_to_upper | printf "<%s>" }}')).toBe('<AB>');
  });

  it('reports a failing function as an execution error at its command', () => {
    expect(err('x {{ math_fail "a" }}')).toBe(
      'template: execution error: template: template:1:5: executing "template" at <math_fail "a">: error calling math_fail: it broke',
    );
  });
});

describe('golang.template: Go text/template semantics', () => {
  it('prints values the way Go fmt does', () => {
    const m = MapValue.from([
      ['b', 2n],
      ['a', 1.5],
    ]);
    expect(run('{{ . }}', m)).toBe('map[a:1.5 b:2]');
    expect(run('{{ . }}', [])).toBe('[]');
    expect(run('{{ . }}', [[1n], ['x', 'y']])).toBe('[[1] [x y]]');
    expect(run('{{ . }}', struct({ x: true, y: 1e21 }))).toBe('map[X:true Y:1e+21]');
    expect(run('{{ 42.0 }} {{ 1e6 }} {{ 123456.0 }} {{ 0.0001 }} {{ 0.00001 }}')).toBe('42 1e+06 123456 0.0001 1e-05');
    expect(run('{{ . }}')).toBe('<no value>');
  });

  it('sorts map keys: numbers numerically, strings bytewise, false first', () => {
    expect(run('{{ . }}', MapValue.from([[10n, 'a'], [9n, 'b'], [-1n, 'c']]), 'map{int: str}')).toBe('map[-1:c 9:b 10:a]');
    expect(run('{{ range $k, $v := . }}{{ $k }}{{ end }}', MapValue.from([['b', 1n], ['B', 1n], ['a', 1n]]))).toBe('Bab');
    expect(run('{{ . }}', MapValue.from([[true, 1n], [false, 0n]]), 'map{bool: int}')).toBe('map[false:0 true:1]');
  });

  it('handles trim markers and comments', () => {
    expect(run('a  {{- 1 -}}  b {{/* gone */}}c {{- /* also */ -}} d')).toBe('a1b cd');
    expect(run('{{-3}} {{ -3 }}')).toBe('-3 -3');
    expect(err('{{/* a */ }}')).toBe('template: parse error: template: template:1: comment ends before closing delimiter');
    expect(run('{{- "x" }}\n')).toBe('x\n');
  });

  it('supports if/else if/else, with, and Go truthiness', () => {
    const t = '{{ if .A }}a{{ else if .B }}b{{ else }}none{{ end }}';
    expect(run(t, struct({ a: 0n, b: [] }))).toBe('none');
    expect(run(t, struct({ a: '', b: ['x'] }))).toBe('b');
    expect(run(t, struct({ a: 0.5, b: [] }))).toBe('a');
    expect(run('{{ with .A }}[{{ . }}]{{ else }}empty{{ end }}', struct({ a: 'v' }))).toBe('[v]');
    expect(run('{{ with .A }}[{{ . }}]{{ else }}empty{{ end }}', struct({ a: new MapValue() }))).toBe('empty');
  });

  it('supports range with variables, else, break and continue', () => {
    const t = '{{ range $i, $e := . }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ if ge $i 3 }}{{ break }}{{ end }}{{ $i }}={{ $e }} {{ else }}none{{ end }}';
    expect(run(t, ['a', 'b', 'c', 'd'])).toBe('0=a 2=c ');
    expect(run(t, [])).toBe('none');
    expect(run('{{ range $x := . }}{{ $x }}{{ end }}', [1n, 2n])).toBe('12');
    expect(run('{{ range 3 }}{{ . }}{{ end }}')).toBe('012');
  });

  it('supports variables, assignment and $', () => {
    expect(run('{{ $x := 1 }}{{ range .L }}{{ $x = . }}{{ end }}{{ $x }} {{ with .L }}{{ $.A }}{{ end }}', struct({ a: 'top', l: [5n, 6n] }))).toBe(
      '6 top',
    );
  });

  it('supports define, template and block', () => {
    expect(run('{{ define "T" }}<{{ . }}>{{ end }}{{ template "T" .A }}{{ block "B" 1 }}[{{ . }}]{{ end }}', struct({ a: 'x' }))).toBe(
      '<x>[1]',
    );
    expect(err('{{ template "nope" }}')).toContain('template "nope" not defined');
  });

  it('has the builtin functions', () => {
    expect(run('{{ and 1 "" 2 }}|{{ or 0 "" "z" }}|{{ not 0 }}|{{ len "héllo" }}|{{ len . }}', [1n, 2n])).toBe('|z|true|6|2');
    expect(run('{{ index . 1 0 }}|{{ slice "hello" 1 3 }}|{{ slice . 1 }}', [[1n], [2n, 3n], [4n]])).toBe('2|el|[[2 3] [4]]');
    expect(run('{{ print 1 2 "a" "b" 3 }}|{{ println "x" 1 }}|{{ printf "%05.1f %-3d| %x %q %v %t" 3.14159 7 255 "q" . true }}', [1n])).toBe(
      '1 2ab3|x 1\n|003.1 7  | ff "q" [1] true',
    );
    expect(run('{{ eq 1 2 1 }} {{ ne "a" "b" }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt 1.5 2.5 }} {{ ge "b" "a" }}')).toBe('true true true true false true');
    expect(run('{{ html "<a href=\'x\'>&" }} {{ js "it\'s <b>" }} {{ urlquery "a b&c=d" }}')).toBe(
      "&lt;a href=&#39;x&#39;&gt;&amp; it\\'s \\u003Cb\\u003E a+b%26c%3Dd",
    );
    expect(run('{{ printf "%d %s" "x" }} {{ printf "%d" 1 2 }}')).toBe('%!d(string=x) %!s(MISSING) 1%!(EXTRA int=2)');
  });

  it('reports builtin failures with Go text', () => {
    expect(err('{{ eq 1 "a" }}')).toBe(
      'template: execution error: template: template:1:3: executing "template" at <eq 1 "a">: error calling eq: incompatible types for comparison',
    );
    expect(err('{{ index . 5 }}', [1n])).toContain('error calling index: index out of range: 5');
    expect(err('{{ index . "k" }}', MapValue.from([[1n, 'a']]), 'map{int: str}')).toContain(
      'error calling index: value has type string; should be int',
    );
  });

  it('reports execution errors with line and column', () => {
    expect(err('line one\n  {{ .A.B }}', struct({ a: 'x' }))).toBe(
      'template: execution error: template: template:2:7: executing "template" at <.A.B>: can\'t evaluate field B in type interface {}',
    );
    expect(err('{{ .X }}')).toBe(
      'template: execution error: template: template:1:3: executing "template" at <.X>: nil data; no entry for key "X"',
    );
    expect(err('{{ range . }}{{ end }}', 'str', 'str')).toContain('range can\'t iterate over str');
  });

  it('reports parse errors with Go text', () => {
    expect(err('{{ nosuch 1 }}')).toBe('template: parse error: template: template:1: function "nosuch" not defined');
    expect(err('a {{ .X')).toBe('template: parse error: template: template:1: unclosed action');
    expect(err('{{ end }}')).toBe('template: parse error: template: template:1: unexpected {{end}}');
    expect(err('{{ if . }}\nx')).toBe('template: parse error: template: template:2: unexpected EOF');
    expect(err('{{ $x }}')).toBe('template: parse error: template: template:1: undefined variable "$x"');
    expect(err('{{ break }}')).toBe('template: parse error: template: template:1: {{break}} outside {{range}}');
    expect(err('{{ "a" | 3 }}')).toBe('template: parse error: template: template:1: non executable command in pipeline stage 2');
    expect(err('{{ .X ) }}')).toBe('template: parse error: template: template:1: unexpected right paren');
    expect(err('{{ "abc }}')).toBe('template: parse error: template: template:1: unterminated quoted string');
    expect(err('{{/* x }}')).toBe('template: parse error: template: template:1: unclosed comment');
    expect(err('{{ 3 4 }}')).toBe(
      'template: execution error: template: template:1:3: executing "template" at <3>: can\'t give argument to non-function 3',
    );
  });
});

describe('golang.template: numbers and literals', () => {
  it('reads Go literal forms', () => {
    expect(run("{{ 0x10 }} {{ 0o17 }} {{ 1_000 }} {{ 'a' }} {{ \"\\u00e9\\x41\" }} {{ `r\\n` }} {{ 1.0 }} {{ 2e3 }}")).toBe('16 15 1000 97 éA r\\n 1 2000');
  });

  it('rejects numbers Go rejects', () => {
    expect(err('{{ 99999999999999999999 }}')).toBe('template: parse error: template: template:1: integer overflow: "99999999999999999999"');
    expect(err('{{ 1e400 }}')).toBe('template: parse error: template: template:1: illegal number syntax: "1e400"');
    expect(err('{{ 12ab }}')).toBe('template: parse error: template: template:1: bad number syntax: "12a"');
  });

  it('calls mcl func values found in the data', () => {
    const f = new FuncValue('add', ([a, b]) => (a as bigint) + (b as bigint));
    expect(run('{{ call .F 2 3 }}', struct({ f }))).toBe('5');
    expect(err('{{ call .X 1 }}', struct({ x: 1n }))).toContain('error calling call: non-function .X of type int');
  });
});
