import { describe, expect, it } from 'vitest';
import { getKind } from '../../src/resources/index.js';
import { MapValue } from '../../src/lang/types/value.js';
import { spec } from './helpers.js';

const validate = (k: string, name: string, params: Parameters<typeof spec>[2] = {}) => getKind(k)!.validate!(spec(k, name, params));
const edges = (k: string, name: string, params: Parameters<typeof spec>[2] = {}) =>
  getKind(k)!.autoEdges!(spec(k, name, params)).map((r) => `${r.direction} ${r.uids.map((u) => `${u.kind}[${u.key}]`).join(' | ')}`);

describe('other kinds', () => {
  it('msg needs a priority and clean field names', () => {
    expect(validate('msg', 'm')).toBe('invalid priority');
    expect(validate('msg', 'm', { priority: 'Info', fields: MapValue.from([['SOME_KEY', 'v']]) })).toBeUndefined();
    expect(validate('msg', 'm', { priority: 'Info', fields: MapValue.from([['_X', 'v']]) })).toBe('fields cannot begin with _');
    expect(validate('msg', 'm', { priority: 'Info', fields: MapValue.from([['a-b', 'v']]) })).toBe('invalid character in field a-b');
  });

  it('kv defaults its key to the name and checks the compare style', () => {
    expect(validate('kv', 'k1')).toBeUndefined();
    expect(validate('kv', 'k1', { key: '' })).toBe('key must not be empty');
    expect(validate('kv', 'k1', { skipcmpstyle: 2n })).toBe('the SkipCmpStyle of 2 is invalid');
  });

  it('line needs an absolute file and a state', () => {
    expect(validate('line', 'l', { file: '/etc/hosts', state: 'exists', content: 'x' })).toBeUndefined();
    expect(validate('line', 'l', { file: 'hosts', state: 'exists' })).toBe('file must be an absolute path');
    expect(validate('line', 'l', { file: '/etc/', state: 'exists' })).toBe('file must not be a directory');
    expect(validate('line', 'l', { file: '/etc/hosts' })).toMatch(/^state must be exists or absent/);
    expect(edges('line', 'l', { file: '/etc/hosts' })).toEqual(['before-me file[/etc/hosts] | file[/etc/] | file[/]']);
  });

  it('svc checks its states and seeks its unit file', () => {
    expect(validate('svc', 'sshd', { state: 'running', startup: 'enabled' })).toBeUndefined();
    expect(validate('svc', 'sshd', { state: 'started' })).toMatch(/^state must be/);
    expect(edges('svc', 'sshd')).toEqual(['before-me file[/etc/systemd/system/sshd.service] | file[/usr/lib/systemd/system/sshd.service]']);
    expect(edges('svc', 'x', { session: true })[0]).toContain('file[/etc/systemd/user/x.service]');
  });

  it('cron checks its trigger and follows its service', () => {
    expect(validate('cron', 'c', { session: true, trigger: 'OnBootSec', time: '60' })).toBeUndefined();
    expect(validate('cron', 'c', { trigger: 'OnBoot' })).toBe('invalid trigger: OnBoot');
    expect(edges('cron', 'c')).toEqual(['before-me svc[c]']);
    expect(edges('cron', 'c', { state: 'absent' })).toEqual(['after-me svc[c]']);
  });

  it('user and group check their state; users follow their groups', () => {
    expect(validate('user', 'u', { state: 'exists' })).toBeUndefined();
    expect(validate('user', 'u')).toBe('state must be exists or absent');
    expect(validate('group', 'g', { state: 'absent' })).toBeUndefined();
    expect(edges('user', 'u', { group: 'wheel', groups: ['adm'] })).toEqual(['before-me group[wheel]', 'before-me group[adm]']);
  });

  it('mount needs a device and follows its mount point', () => {
    expect(validate('mount', '/mnt/foo', { state: 'exists', device: '/dev/sdb1', type: 'ext4' })).toBeUndefined();
    expect(validate('mount', '/mnt/foo', { state: 'exists' })).toBe('device must not be empty');
    expect(edges('mount', '/mnt/foo')).toEqual(['before-me file[/mnt/foo/] | file[/mnt/] | file[/]']);
  });
});
