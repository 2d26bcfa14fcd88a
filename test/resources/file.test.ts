import { describe, expect, it } from 'vitest';
import { filePath, isValidMode, kind as file } from '../../src/resources/file.js';
import { spec } from './helpers.js';

const validate = (name: string, params: Parameters<typeof spec>[2] = {}) => file.validate!(spec('file', name, params));

describe('file', () => {
  it('resolves its path from the name, path, dirname and basename', () => {
    expect(filePath(spec('file', '/tmp/a'))).toBe('/tmp/a');
    expect(filePath(spec('file', 'x', { path: '/etc/motd' }))).toBe('/etc/motd');
    expect(filePath(spec('file', '/tmp/a/b', { dirname: '/srv/' }))).toBe('/srv/b');
    expect(filePath(spec('file', '/tmp/a/b', { basename: 'c' }))).toBe('/tmp/a/c');
    expect(filePath(spec('file', '/tmp/a/d/', { dirname: '/srv/' }))).toBe('/srv/d/');
  });

  it('rejects a file inside one of its fragment directories (upstream frag1 case)', () => {
    expect(validate('/tmp/frags/all', { state: 'exists', fragments: ['/tmp/frags/'] })).toBe('inside a frag (`/tmp/frags/`)');
    expect(validate('/tmp/whole1', { state: 'exists', fragments: ['/tmp/frags/', '/tmp/bonus_file'] })).toBeUndefined();
    expect(validate('/tmp/w', { fragments: ['rel'] })).toBe("the frag (`rel`) isn't an absolute path");
  });

  it('checks paths, states and conflicting content sources', () => {
    expect(validate('tmp/x')).toBe('resultant path must be absolute');
    expect(validate('/tmp/x', { dirname: '/srv' })).toBe('dirname must end with a slash');
    expect(validate('/tmp/x', { basename: '/y' })).toBe('basename must not start with a slash');
    expect(validate('/tmp/x', { state: 'present' })).toBe('the State is invalid');
    expect(validate('/tmp/x', { content: 'a', source: '/b' })).toBe('can only specify one of Content, Source, and Fragments');
    expect(validate('/tmp/x', { state: 'absent', content: '' })).toMatch(/when State is absent/);
    expect(validate('/tmp/d/', { content: 'a' })).toBe("can't use Content or Fragments with a directory");
    expect(validate('/tmp/d/', { source: '/src/f' })).toBe('the path and Source must either both be dirs or both not be');
    expect(validate('/tmp/d/', { source: '/src/', recurse: true })).toBeUndefined();
    expect(validate('/tmp/d/', { purge: true })).toBe("you'll want to Recurse when you have a Purge to do");
    expect(validate('/tmp/d/', { purge: true, recurse: true })).toBeUndefined();
  });

  it('checks symlinks and modes', () => {
    expect(validate('/tmp/l', { state: 'exists', symlink: true })).toBe("can't create a symlink without a Source");
    expect(validate('/tmp/l', { state: 'exists', symlink: true, source: 'food/' })).toBeUndefined();
    expect(validate('/tmp/l', { symlink: true, source: '/x', content: 'a' })).toBe('can only specify one of Content, Source, and Fragments');
    expect(validate('/tmp/m', { mode: 'u=rw,g=rw,o=rw' })).toBeUndefined();
    expect(validate('/tmp/m', { mode: '0777' })).toBeUndefined();
    expect(validate('/tmp/m', { mode: '0999' })).toBe('Mode should be an octal number or symbolic mode (0999)');
    expect(isValidMode('a+x,go-w')).toBe(true);
    expect(isValidMode('g=u')).toBe(true);
    expect(isValidMode('rw')).toBe(false);
  });

  it('compares duplicates with upstream reasons', () => {
    const a = spec('file', '/tmp/x', { content: 'a' });
    expect(file.cmp!(a, spec('file', '/tmp/x', { content: 'a' }))).toBeUndefined();
    expect(file.cmp!(a, spec('file', '/tmp/x', { content: 'b' }))).toBe('the contents of Content differ');
    expect(file.cmp!(a, spec('file', '/tmp/x'))).toBe('the Content differs');
    expect(file.cmp!(spec('file', '/tmp/x', { mode: '' }), spec('file', '/tmp/x'))).toBeUndefined();
    expect(file.cmp!(spec('file', '/tmp/x', { mode: '0644' }), spec('file', '/tmp/x'))).toBe('the Mode differs');
  });

  it('seeks fragments first, then its nearest managed parent directory', () => {
    expect(file.uids!(spec('file', '/tmp/frags/'))).toEqual([{ kind: 'file', key: '/tmp/frags/' }]);
    expect(file.autoEdges!(spec('file', '/tmp/whole1', { fragments: ['/tmp/frags/', '/tmp/bonus_file'] }))).toEqual([
      { uids: [{ kind: 'file', key: '/tmp/frags/' }], direction: 'before-me', firstOnly: true },
      { uids: [{ kind: 'file', key: '/tmp/bonus_file' }], direction: 'before-me', firstOnly: true },
      { uids: [{ kind: 'file', key: '/tmp/' }, { kind: 'file', key: '/' }], direction: 'before-me', firstOnly: true },
    ]);
    expect(file.autoEdges!(spec('file', '/a/b/c/'))[0].uids.map((u) => u.key)).toEqual(['/a/b/', '/a/', '/']);
    expect(file.autoEdges!(spec('file', '/'))).toEqual([]);
  });
});
