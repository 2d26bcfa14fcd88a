// Every function of the part-B modules (host, deploy, world, golang/*) is
// well formed: a single concrete func signature where possible, one
// implementation kind, one line of doc, unique names.

import { describe, expect, it } from 'vitest';
import { module as os } from '../../../src/lang/funcs/os/index.js';
import { module as sys } from '../../../src/lang/funcs/sys/index.js';
import { module as fwupd } from '../../../src/lang/funcs/sys/fwupd/index.js';
import { module as net } from '../../../src/lang/funcs/net/index.js';
import { module as http } from '../../../src/lang/funcs/net/http/index.js';
import { module as deploy } from '../../../src/lang/funcs/deploy/index.js';
import { module as local } from '../../../src/lang/funcs/local/index.js';
import { module as value } from '../../../src/lang/funcs/value/index.js';
import { module as world } from '../../../src/lang/funcs/world/index.js';
import { module as collect } from '../../../src/lang/funcs/world/collect/index.js';
import { module as test } from '../../../src/lang/funcs/test/index.js';
import { module as example } from '../../../src/lang/funcs/example/index.js';
import { module as nested } from '../../../src/lang/funcs/example/nested/index.js';
import { module as util } from '../../../src/lang/funcs/util/index.js';
import { modules as golangStd } from '../../../src/lang/funcs/golang/std/index.js';
import { snakeCase } from '../../../src/lang/funcs/golang/std/table.js';
import { parseType } from '../../../src/lang/types/type.js';
import { typeString } from '../../../src/lang/types/type.js';

const modules = [os, sys, fwupd, net, http, deploy, local, value, world, collect, test, example, nested, util, ...golangStd];

describe('library part B definitions', () => {
  for (const mod of modules) {
    it(`module '${mod.path}' is well formed`, () => {
      const names = mod.funcs.map((f) => f.name);
      expect(new Set(names).size).toBe(names.length);
      for (const f of mod.funcs) {
        expect(typeof f.sig, f.name).toBe('string');
        expect(parseType(f.sig as string).k, `${f.name}: ${f.sig as string}`).toBe('func');
        expect(Boolean(f.fn) !== Boolean(f.stream), f.name).toBe(true);
        expect(f.doc.trim().length > 0 && !f.doc.includes('\n'), f.name).toBe(true);
      }
    });
  }

  it('gives the golang/* paths the brief and the reference name', () => {
    expect(golangStd.map((m) => m.path).sort()).toEqual([
      'golang/html', 'golang/math', 'golang/math/rand', 'golang/os', 'golang/os/exec', 'golang/path',
      'golang/path/filepath', 'golang/runtime', 'golang/strconv', 'golang/strings',
    ]);
  });

  it('names Go functions in snake_case', () => {
    expect(snakeCase('TrimSpace')).toBe('trim_space');
    expect(snakeCase('NumCPU')).toBe('num_cpu');
    expect(snakeCase('GOROOT')).toBe('goroot');
    expect(snakeCase('EqualFold')).toBe('equal_fold');
    expect(snakeCase('QuoteToASCII')).toBe('quote_to_ascii');
    expect(snakeCase('ExpFloat64')).toBe('exp_float64');
    expect(snakeCase('ToValidUTF8')).toBe('to_valid_utf8');
  });

  it('has the signatures the conformance programs rely on', () => {
    const sig = (m: typeof os, n: string): string => typeString(parseType(m.funcs.find((f) => f.name === n)!.sig as string));
    expect(sig(sys, 'load')).toBe('func() struct{x1 float; x5 float; x15 float}');
    expect(sig(world, 'getval')).toBe('func(key str) struct{value str; exists bool}');
    expect(sig(collect, 'res')).toBe('func(kind str) []struct{name str; host str}');
    expect(sig(http, 'response')).toBe('func(uid str) struct{status int; output str}');
    expect(sig(value, 'get_str')).toBe('func(key str) struct{value str; ready bool}');
    expect(sig(net, 'url_parser')).toBe('func(url str) struct{scheme str; host str; path str; raw_query str}');
    expect(sig(os, 'release')).toBe('func() struct{id str; variant_id str; version_id str}');
  });

  it('provides the os family variables and the example mcl code', () => {
    expect(os.vars).toEqual({ family_redhat: 'redhat', family_debian: 'debian', family_archlinux: 'archlinux' });
    expect(example.mcl).toContain('func nativeanswer() {\n\t42\n}\n');
    expect(example.mcl).toContain('func test1() {\n\t42\n}\n');
    expect(example.mcl).toContain('$test1 = 13\n');
    expect(example.mcl).toMatch(/class test1 \{/);
  });
});
