// How values print inside a double-quoted string (and in notice): Puppet 7's
// string conversion. Every expected string below was taken from the output
// of `puppet apply` of the same manifest with Puppet 7.23.0 (the `Notice:
// Scope(Class[main]): ` prefix cut off), not worked out by hand.

import { describe, expect, it } from 'vitest';
import { catalogOf } from '../../src/puppet/index.js';

/** What each notice() of the manifest printed, in order. */
const notices = (src: string): string[] =>
  catalogOf(src, 'site.pp', { facts: {} }).messages.map((m) => m.replace(/^Notice: Scope\([^)]*\): /, ''));

describe('puppet string interpolation', () => {
  it('prints arrays and hashes without quotes, nested, with undef empty', () => {
    expect(
      notices(`
        $h = {'x' => 1}
        $a = ['two', 'three']
        notice("h=\${h}")
        notice("a=\${a}")
        notice("n=\${[1, [2, [3, 'four']], {'k' => [true, false]}]}")
        notice("hh=\${{'a' => {'b' => 'c'}, 'n' => undef, 1 => 2.5}}")
        notice("s=\${['with space', "it's", 'say "hi"', '']}")
        notice("e=\${[]} eh=\${{}}")
        notice("u=[\${undef}] b=\${false}")
        notice("idx=\${a[0]} \${h['x']}")
        notice("k=\${{[1,2] => 'v', 'k k' => undef}}")
        notice("h=\${{'it\\'s' => "q\\"q", 'k' => [undef, true]}}")
        notice($a)
        notice({'x' => 1, 'y' => 'z z'})
      `),
    ).toEqual([
      'h={x => 1}',
      'a=[two, three]',
      'n=[1, [2, [3, four]], {k => [true, false]}]',
      'hh={a => {b => c}, n => , 1 => 2.5}',
      `s=[with space, it's, say "hi", ]`,
      'e=[] eh={}',
      'u=[] b=false',
      'idx=two 1',
      'k={[1, 2] => v, k k => }',
      `h={it's => q"q, k => [, true]}`,
      '[two, three]',
      '{x => 1, y => z z}',
    ]);
  });

  it('prints numbers the way Puppet does: Integers plain, Floats as Ruby prints them', () => {
    expect(
      notices(`
        $f = 1.0
        notice("f=\${f} m=\${[undef, 1.0, 2.50, -3, 0x10, true]}")
        notice("i=\${[0x1F, 017, -5]}")
        notice("fl=\${[1e15, 1e16, 0.0001, 0.00001, 2.0 * 3, 1 + 1.0, 7 / 2, 7.0 / 2, -0.0]}")
        notice("a=\${[1e14, 123456789012345.0, 1234567890123456.0, 0.001, 0.0001234, 1.23456789e-5, 12345678901234567890.0, 0.1 + 0.2, 1.0 / 3]}")
        notice("x=\${[3.14, 1e20, 1.5e-7, 100.0, 1.5e300, -0.5]}")
        notice(abs(-2.0))
        notice(max(1, 2.5))
        notice(min(3.0, 7))
      `),
    ).toEqual([
      'f=1.0 m=[, 1.0, 2.5, -3, 16, true]',
      'i=[31, 15, -5]',
      'fl=[1.0e+15, 1.0e+16, 0.0001, 1.0e-05, 6.0, 2.0, 3, 3.5, -0.0]',
      'a=[100000000000000.0, 123456789012345.0, 1.234567890123456e+15, 0.001, 0.0001234, 1.23456789e-05, 1.2345678901234567e+19, 0.30000000000000004, 0.3333333333333333]',
      'x=[3.14, 1.0e+20, 1.5e-07, 100.0, 1.5e+300, -0.5]',
      '2.0',
      '2.5',
      '3.0',
    ]);
  });

  it('prints references, types, regexes and default as Puppet source', () => {
    expect(
      notices(`
        $r = File['/tmp/x']
        notice("ref=\${r}")
        notice($r)
        notice("ty=\${Enum['a','b']} \${Optional[String]} \${[String, Integer[1,2]]}")
        notice("r=\${[/a.b/, File['/tmp/x'], default]}")
        notice("cls=\${Class['foo']} \${[Class['foo'], Notify['x y']]}")
        notice("r=\${[Notify["it's"], Notify['a\\\\b'], Class['Foo::Bar'], File['/x']]}")
        notice("re=\${[/a\\/b/, /x y/]}")
      `),
    ).toEqual([
      `ref=File['/tmp/x']`,
      `File['/tmp/x']`,
      `ty=Enum['a', 'b'] Optional[String] [String, Integer[1, 2]]`,
      `r=[/a.b/, File['/tmp/x'], default]`,
      `cls=Class[foo] [Class[foo], Notify['x y']]`,
      `r=[Notify['it\\'s'], Notify['a\\b'], Class[foo::bar], File['/x']]`,
      're=[/a\\/b/, /x y/]',
    ]);
  });

  it('keeps Floats apart from Integers in types and arithmetic', () => {
    expect(
      notices(`
        class app (Float $ratio, Integer $n) { notice("\${ratio} \${n} \${$ratio * $n} \${$n / 2}") }
        class { 'app': ratio => 1.0, n => 3 }
      `),
    ).toEqual(['1.0 3 3.0 1']);
    // Puppet: "Class[App]: parameter 'ratio' expects a Float value, got Integer".
    expect(() => notices(`class app (Float $ratio) { }\nclass { 'app': ratio => 1 }`)).toThrow(/parameter 'ratio' expects a Float value, got Integer/);
  });
});
