import { describe, expect, it } from 'vitest';
import { kind as pkg } from '../../src/resources/pkg.js';
import type { ResourceSpec } from '../../src/resources/kind.js';
import { spec } from './helpers.js';

describe('pkg', () => {
  it('defaults to installed and rejects empty and `latest` states', () => {
    expect(pkg.validate!(spec('pkg', 'cowsay'))).toBeUndefined();
    expect(pkg.validate!(spec('pkg', 'cowsay', { state: '4.5.1-16.fc42' }))).toBeUndefined();
    expect(pkg.validate!(spec('pkg', 'cowsay', { state: '' }))).toBe('state cannot be empty');
    expect(pkg.validate!(spec('pkg', 'cowsay', { state: 'latest' }))).toBe('state is invalid, did you mean `newest` ?');
  });

  it('merges installed with newest into newest', () => {
    const merged = pkg.merge!(spec('pkg', 'cowsay'), spec('pkg', 'cowsay', { state: 'newest' })) as ResourceSpec;
    expect(merged.params.get('state')).toBe('newest');
    const same = spec('pkg', 'cowsay', { state: 'installed' });
    expect(pkg.merge!(same, spec('pkg', 'cowsay'))).toBe(same);
  });

  it('refuses incompatible duplicates with a reason', () => {
    expect(pkg.merge!(spec('pkg', 'cowsay', { allowdowngrade: true }), spec('pkg', 'cowsay'))).toBe('allowdowngrade differs: true vs false');
    expect(pkg.merge!(spec('pkg', 'c', { state: 'uninstalled' }), spec('pkg', 'c'))).toBe(
      'state differs in an incompatible way: uninstalled vs installed',
    );
    expect(pkg.merge!(spec('pkg', 'c', { state: '1.0' }), spec('pkg', 'c', { state: 'newest' }))).toMatch(/^state differs/);
  });

  it('groups packages of the same keyword state', () => {
    expect(pkg.groupCmp!(spec('pkg', 'a'), spec('pkg', 'b'))).toBe(true);
    expect(pkg.groupCmp!(spec('pkg', 'a'), spec('pkg', 'b', { state: 'newest' }))).toBe(false);
    expect(pkg.groupCmp!(spec('pkg', 'a', { state: '1.0' }), spec('pkg', 'b', { state: '1.0' }))).toBe(false);
  });
});
