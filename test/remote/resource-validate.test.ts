// The `remote` resource's validation: upstream's rules, each with a message
// that says what to change.

import { describe, expect, it } from 'vitest';
import { kind } from '../../src/resources/remote.js';
import { DEFAULT_META, type ResourceSpec } from '../../src/resources/kind.js';
import type { Value } from '../../src/lang/types/value.js';

const spec = (name: string, params: Record<string, Value> = {}): ResourceSpec => ({ kind: 'remote', name, params: new Map(Object.entries(params)), meta: { ...DEFAULT_META } });
const check = (name: string, params: Record<string, Value> = {}) => kind.validate!(spec(name, params));

describe('remote resource validation', () => {
  it('takes upstream examples: the URL in the name or in `remote`, with or without ssh://', () => {
    expect(check('remote0', { remote: 'ssh://root@192.168.100.1:22/', caching: true, transient: true, tunnelled: true })).toBeUndefined();
    expect(check('root@web1:2222')).toBeUndefined();
    expect(check('x', { remote: 'ssh://root@h/', converger_timeout: 10n })).toBeUndefined();
  });
  it('refuses what upstream refuses, saying what to change', () => {
    expect(check('x', { remote: 'ssh://root:secret@h/' })).toMatch(/cleartext password.*allow_cleartext_password => true/);
    expect(check('x', { remote: 'ssh://root:secret@h/', allow_cleartext_password: true })).toBeUndefined();
    expect(check('x', { remote: 'ssh://h/', transient: false })).toMatch(/Transient param must be true when Tunnelled is true.*tunnelled => false/);
    expect(check('x', { remote: 'ssh://h/', transient: false, tunnelled: false })).toBeUndefined();
    expect(check('x', { remote: 'ssh://h/', transient: false, tunnelled: false, converger_timeout: 5n })).toMatch(/Transient param must be true when ConvergerTimeout is set/);
    expect(check('x', { remote: 'ssh://h/', converger_timeout: -1n })).toMatch(/cannot be negative/);
    expect(check('x', { remote: 'http://h/' })).toMatch(/can't parse the Remote.*not an ssh:\/\/ URL/);
    expect(check('x', { remote: 'ssh://h/srv/site.mcl' })).toMatch(/has a path.*runs this same program/);
    expect(check('x', { remote: 'ssh://h/', tunnel_addr: '0.0.0.0:2379' })).toMatch(/TunnelAddr/);
    expect(check('x', { remote: 'ssh://h/', hostkey: 'not a key!' })).toMatch(/invalid known_hosts key/);
    expect(check('x', { remote: 'ssh://h/', hostkey: 'AAAAC3NzaC1lZDI1NTE5AAAAIOtL2uZ0sQ3j2zZ5n7M1Yv0m1sJ3a5C2gGQ1c8kq8cW' })).toBeUndefined();
  });
});
