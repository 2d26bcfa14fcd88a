import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { module as deploy } from '../../../src/lang/funcs/deploy/index.js';
import { CatchableError, FatalError } from '../../../src/lang/funcs/registry.js';
import type { RuntimeEnv } from '../../../src/lang/funcs/registry.js';
import { call, find, makeEnv } from './host-harness.js';

/** A deploy like func2/deploy-readfile0: files/ at the top, a mod1/ module with its own files/. */
function deployEnv(): RuntimeEnv {
  const env = makeEnv();
  const put = (p: string, text: string): void => {
    mkdirSync(join(env.deployRoot, p, '..'), { recursive: true });
    writeFileSync(join(env.deployRoot, p), text);
  };
  put('files/file1', 'This is file1.\n');
  put('mod1/files/file3', 'This is file3.\n');
  put('files/foo/a', 'a\n');
  put('files/foo/nested/b', 'b\n');
  return env;
}

describe('deploy paths', () => {
  it('abspath prefixes the module base', () => {
    const env = makeEnv();
    expect(call(find(deploy, 'abspath'), ['/files/file1'], env, '/')).toBe('/files/file1');
    expect(call(find(deploy, 'abspath'), ['/files/file3'], env, '/mod1/')).toBe('/mod1/files/file3');
    expect(call(find(deploy, 'abspath'), [''], env, '/mod1/')).toBe('/mod1/');
    expect(() => call(find(deploy, 'abspath'), ['files'], env, '/')).toThrow(FatalError);
  });

  it('readfile is relative to the module, readfileabs to the deploy root', () => {
    const env = deployEnv();
    expect(call(find(deploy, 'readfile'), ['/files/file1'], env, '/')).toBe('This is file1.\n');
    expect(call(find(deploy, 'readfile'), ['/files/file3'], env, '/mod1/')).toBe('This is file3.\n');
    expect(call(find(deploy, 'readfileabs'), ['/mod1/files/file3'], env, '/mod1/')).toBe('This is file3.\n');
  });

  it('a missing deploy file is catchable and names the deploy path', () => {
    const env = deployEnv();
    expect(() => call(find(deploy, 'readfile'), ['/nope'], env, '/mod1/')).toThrow(
      new CatchableError("can't read file `/mod1/nope`: open /mod1/nope: no such file or directory"),
    );
  });

  it('cannot climb out of the deploy', () => {
    const env = deployEnv();
    writeFileSync(join(env.deployRoot, '..', 'secret'), 'no');
    expect(() => call(find(deploy, 'readfileabs'), ['/../secret'], env)).toThrow(CatchableError);
  });

  it('file_exists looks inside the deploy', () => {
    const env = deployEnv();
    expect(call(find(deploy, 'file_exists'), ['/files/file1'], env)).toBe(true);
    expect(call(find(deploy, 'file_exists'), ['/files/file3'], env)).toBe(false);
    expect(call(find(deploy, 'file_exists'), ['/files/file3'], env, '/mod1/')).toBe(true);
  });

  it('directory copies a deploy directory to local disk', () => {
    const env = deployEnv();
    const dir = call(find(deploy, 'directory'), ['/files/foo/'], env) as string;
    expect(dir.endsWith('/')).toBe(true);
    expect(dir.startsWith(env.localDir)).toBe(true);
    expect(readFileSync(dir + 'a', 'utf8')).toBe('a\n');
    expect(readFileSync(dir + 'nested/b', 'utf8')).toBe('b\n');
    expect(() => call(find(deploy, 'directory'), ['/files/foo'], env)).toThrow(FatalError);
    expect(() => call(find(deploy, 'directory'), ['/missing/'], env)).toThrow(CatchableError);
  });

  it('binary_path is the launcher script', () => {
    const p = call(find(deploy, 'binary_path'), []) as string;
    expect(p).toBe(resolve(process.argv[1]));
    expect(existsSync(p)).toBe(true);
  });

  it('bootstrap_packages knows the three families', () => {
    for (const f of ['debian', 'redhat', 'archlinux']) expect(call(find(deploy, 'bootstrap_packages'), [f])).toContain('nodejs');
    expect(() => call(find(deploy, 'bootstrap_packages'), ['plan9'])).toThrow(CatchableError);
  });
});
