// The golang/* standard-library wrappers, checked against what Go returns.

import { describe, expect, it } from 'vitest';
import { modules } from '../../../../src/lang/funcs/golang/std/index.js';
import { FatalError } from '../../../../src/lang/funcs/registry.js';
import type { Value } from '../../../../src/lang/types/value.js';
import { call, find } from '../host-harness.js';

const go = (path: string, name: string, ...args: Value[]): Value => {
  const mod = modules.find((m) => m.path === `golang/${path}`)!;
  return call(find(mod, name), args);
};

describe('golang/strings', () => {
  const s = (name: string, ...args: Value[]) => go('strings', name, ...args);
  it('matches Go on the common functions', () => {
    expect(s('trim_space', ' \t hello \n\u0085')).toBe('hello');
    expect(s('trim_space', '\ufeffx')).toBe('\ufeffx');
    expect(s('join', ['a', 'b', 'c'], ', ')).toBe('a, b, c');
    expect(s('has_prefix', '/tmp/foo', '/tmp/fo')).toBe(true);
    expect(s('has_suffix', 'a.txt', '.txt')).toBe(true);
    expect(s('contains', 'seafood', 'foo')).toBe(true);
    expect(s('to_upper', 'straße')).toBe('STRAßE');
    expect(s('to_lower', 'HeLLo')).toBe('hello');
    expect(s('repeat', 'na', 3n)).toBe('nanana');
    expect(s('replace', 'oink oink oink', 'k', 'ky', 2n)).toBe('oinky oinky oink');
    expect(s('replace', 'oink oink oink', 'oink', 'moo', -1n)).toBe('moo moo moo');
    expect(s('replace', 'abc', '', '-', -1n)).toBe('-a-b-c-');
    expect(s('replace_all', 'aaa', 'a', 'b')).toBe('bbb');
    expect(s('index', 'chicken', 'ken')).toBe(4n);
    expect(s('index', 'héllo', 'llo')).toBe(3n);
    expect(s('index', 'chicken', 'dmr')).toBe(-1n);
    expect(s('last_index', 'go gopher', 'go')).toBe(3n);
    expect(s('index_any', 'golang', 'xyzn')).toBe(4n);
    expect(s('trim', '¡¡¡Hello, Gophers!!!', '!¡')).toBe('Hello, Gophers');
    expect(s('trim_left', 'xxhixx', 'x')).toBe('hixx');
    expect(s('trim_prefix', 'prefix-body', 'prefix-')).toBe('body');
    expect(s('trim_suffix', 'body.go', '.go')).toBe('body');
    expect(s('title', 'her royal highness')).toBe('Her Royal Highness');
    expect(s('title', "don't_stop me-now")).toBe("Don'T_stop Me-Now");
    expect(s('count', 'cheese', 'e')).toBe(3n);
    expect(s('count', 'five', '')).toBe(5n);
    expect(s('equal_fold', 'Go', 'GO')).toBe(true);
    expect(s('equal_fold', 'Go', 'Gone')).toBe(false);
    expect(s('compare', 'a', 'b')).toBe(-1n);
  });
  it('panics (fatally) like Go on a negative repeat', () => {
    expect(() => s('repeat', 'x', -1n)).toThrow(new FatalError('strings: negative Repeat count'));
  });
});

describe('golang/strconv', () => {
  const c = (name: string, ...args: Value[]) => go('strconv', name, ...args);
  it('converts numbers and bools', () => {
    expect(c('itoa', -42n)).toBe('-42');
    expect(c('atoi', '123')).toBe(123n);
    expect(() => c('atoi', '12a')).toThrow(new FatalError('strconv.Atoi: parsing "12a": invalid syntax'));
    expect(() => c('atoi', '9223372036854775808')).toThrow('strconv.Atoi: parsing "9223372036854775808": value out of range');
    expect(c('atoi', '-9223372036854775808')).toBe(-9223372036854775808n);
    expect(c('format_int', 255n, 16n)).toBe('ff');
    expect(c('format_int', -5n, 2n)).toBe('-101');
    expect(() => c('format_int', 1n, 1n)).toThrow('strconv: illegal AppendInt/FormatInt base');
    expect(c('parse_int', '0x_1F', 0n, 64n)).toBe(31n);
    expect(c('parse_int', '017', 0n, 64n)).toBe(15n);
    expect(() => c('parse_int', '1_000', 10n, 64n)).toThrow('invalid syntax');
    expect(() => c('parse_int', '128', 10n, 8n)).toThrow('strconv.ParseInt: parsing "128": value out of range');
    expect(c('parse_float', '1e3', 64n)).toBe(1000);
    expect(c('parse_float', '0x1p-2', 64n)).toBe(0.25);
    expect(c('parse_float', '-Inf', 64n)).toBe(-Infinity);
    expect(() => c('parse_float', '1e400', 64n)).toThrow('value out of range');
    expect(() => c('parse_float', 'abc', 64n)).toThrow('strconv.ParseFloat: parsing "abc": invalid syntax');
    expect(c('parse_bool', 'T')).toBe(true);
    expect(() => c('parse_bool', 'yes')).toThrow('strconv.ParseBool: parsing "yes": invalid syntax');
    expect(c('format_bool', false)).toBe('false');
    expect(c('append_int', 'n=', 7n, 10n)).toBe('n=7');
  });
  it('quotes and unquotes like Go', () => {
    expect(c('quote', 'a\tb"c')).toBe('"a\\tb\\"c"');
    expect(c('quote_to_ascii', 'héllo☺\u{1F600}')).toBe('"h\\u00e9llo\\u263a\\U0001f600"');
    expect(c('quote_to_graphic', '\u00a0x\u0007')).toBe('"\u00a0x\\a"');
    expect(c('unquote', '"a\\tb\\u263a\\x41"')).toBe('a\tb☺A');
    expect(c('unquote', '`raw\\n`')).toBe('raw\\n');
    expect(c('unquote', "'☺'")).toBe('☺');
    expect(() => c('unquote', "'ab'")).toThrow('invalid syntax');
    expect(() => c('unquote', '"unterminated')).toThrow('invalid syntax');
    expect(c('quoted_prefix', '"hello" world')).toBe('"hello"');
    expect(c('can_backquote', 'a\tb')).toBe(true);
    expect(c('can_backquote', 'a`b')).toBe(false);
  });
});

describe('golang/math', () => {
  const m = (name: string, ...args: Value[]) => go('math', name, ...args);
  it('follows Go where JS differs', () => {
    expect(m('round', -2.5)).toBe(-3);
    expect(m('round', 2.5)).toBe(3);
    expect(m('round_to_even', 2.5)).toBe(2);
    expect(m('round_to_even', 3.5)).toBe(4);
    expect(m('mod', -7, 3)).toBe(-1);
    expect(m('remainder', 5, 2)).toBe(1);
    expect(m('remainder', 7, 2)).toBe(-1);
    expect(m('pow', -1, Infinity)).toBe(1);
    expect(m('pow', 2, 10)).toBe(1024);
    expect(m('max', 0, -0)).toBe(0);
    expect(Number.isNaN(m('max', 1, NaN))).toBe(true);
    expect(m('is_na_n', NaN)).toBe(true);
    expect(m('is_inf', -Infinity, -1n)).toBe(true);
    expect(m('is_inf', Infinity, -1n)).toBe(false);
    expect(m('signbit', -0)).toBe(true);
    expect(m('copysign', 3, -1)).toBe(-3);
    expect(m('ilogb', 8)).toBe(3n);
    expect(m('ldexp', 0.5, 3n)).toBe(4);
    expect(m('nextafter', 1, 2)).toBe(1 + Number.EPSILON);
    expect(m('pow10', 3n)).toBe(1000);
    expect(m('dim', 3, 5)).toBe(0);
    expect(m('sqrt', 2)).toBe(Math.SQRT2);
  });
});

describe('golang/math/rand', () => {
  it('stays in range and panics on bad n', () => {
    for (let i = 0; i < 100; i++) {
      const v = go('math/rand', 'intn', 10n) as bigint;
      expect(v >= 0n && v < 10n).toBe(true);
    }
    expect(() => go('math/rand', 'intn', 0n)).toThrow('invalid argument to Intn');
  });
});

describe('golang/path and golang/path/filepath', () => {
  it('clean, base, dir, ext, join like Go', () => {
    for (const p of ['path', 'path/filepath']) {
      expect(go(p, 'clean', 'a/../../b/./c//')).toBe('../b/c');
      expect(go(p, 'clean', '/../a')).toBe('/a');
      expect(go(p, 'clean', '')).toBe('.');
      expect(go(p, 'base', '')).toBe('.');
      expect(go(p, 'base', '/a/b/')).toBe('b');
      expect(go(p, 'base', '///')).toBe('/');
      expect(go(p, 'dir', '/a/b/c')).toBe('/a/b');
      expect(go(p, 'dir', 'x')).toBe('.');
      expect(go(p, 'ext', 'a/b.tar.gz')).toBe('.gz');
      expect(go(p, 'ext', 'a.b/c')).toBe('');
      expect(go(p, 'join', ['a', '', 'b/', '../c'])).toBe('a/c');
      expect(go(p, 'join', ['', ''])).toBe('');
      expect(go(p, 'match', '*.go', 'main.go')).toBe(true);
      expect(go(p, 'match', '*.go', 'dir/main.go')).toBe(false);
      expect(go(p, 'match', 'a[b-d]?', 'acx')).toBe(true);
      expect(go(p, 'match', 'a[^b]', 'ab')).toBe(false);
      expect(() => go(p, 'match', '[', 'x')).toThrow('syntax error in pattern');
    }
  });
  it('filepath extras', () => {
    expect(go('path/filepath', 'rel', '/a/b', '/a/b/c/d')).toBe('c/d');
    expect(go('path/filepath', 'rel', '/a/b', '/a/x')).toBe('../x');
    expect(() => go('path/filepath', 'rel', '/a', 'b')).toThrow("Rel: can't make b relative to /a");
    expect(go('path/filepath', 'abs', '/x/../y')).toBe('/y');
    expect(go('path/filepath', 'abs', 'z')).toBe(process.cwd() + '/z');
    expect(go('path/filepath', 'is_local', 'a/../b')).toBe(true);
    expect(go('path/filepath', 'is_local', 'a/../../b')).toBe(false);
    expect(go('path', 'is_abs', '/x')).toBe(true);
  });
});

describe('golang/os, os/exec, html, runtime', () => {
  it('os', () => {
    process.env.MGMT_GO_TEST = 'v';
    expect(go('os', 'getenv', 'MGMT_GO_TEST')).toBe('v');
    expect(go('os', 'getenv', 'MGMT_GO_TEST_UNSET')).toBe('');
    expect(go('os', 'expand_env', '$MGMT_GO_TEST-${MGMT_GO_TEST}-$ -${}-$1x')).toBe('v-v-$ --x');
    expect(typeof go('os', 'hostname')).toBe('string');
    expect(() => go('os', 'read_file', '/nonexistent/x')).toThrow(new FatalError('open /nonexistent/x: no such file or directory'));
  });
  it('os/exec', () => {
    expect(go('os/exec', 'look_path', 'sh')).toMatch(/\/sh$/);
    expect(() => go('os/exec', 'look_path', 'no-such-cmd-xyz')).toThrow('exec: "no-such-cmd-xyz": executable file not found in $PATH');
  });
  it('html', () => {
    expect(go('html', 'escape_string', `<a href="x">'&'</a>`)).toBe('&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(go('html', 'unescape_string', '&lt;b&gt; &amp;amp; &#225;&#xE1;&aacute; &ampx &#128; &bogus;')).toBe('<b> &amp; ááá &x € &bogus;');
  });
  it('runtime', () => {
    expect(go('runtime', 'num_cpu')).toBeGreaterThan(0n);
    expect(go('runtime', 'version')).toMatch(/^node v\d+/);
    expect(typeof go('runtime', 'goroot')).toBe('string');
  });
});
