import { describe, expect, it } from 'vitest';
import { getKind } from '../../src/resources/index.js';
import { spec } from './helpers.js';

const group = (pk: string, pn: string, pp: Parameters<typeof spec>[2], ck: string, cn: string, cp: Parameters<typeof spec>[2] = {}) =>
  getKind(pk)?.groupCmp?.(spec(pk, pn, pp), spec(ck, cn, cp)) ?? false;

describe('autogroup consent', () => {
  it('print groups unless either only acts on refresh', () => {
    expect(group('print', 'print3', {}, 'print', 'print2')).toBe(true);
    expect(group('print', 'print3', { refresh_only: true }, 'print', 'print2')).toBe(false);
    expect(group('print', 'print3', {}, 'print', 'print2', { refresh_only: true })).toBe(false);
    expect(getKind('print')!.groupCmp!(spec('print', 'a'), spec('print', 'b', {}, { autogroup: false }))).toBe(false);
  });

  it('noop always groups, value never', () => {
    expect(group('noop', 'a', {}, 'noop', 'b')).toBe(true);
    expect(group('value', 'a', {}, 'value', 'b')).toBe(false);
    expect(group('file', '/a', {}, 'file', '/b')).toBe(false);
  });

  it('hierarchical kinds group into the parent they name, or any', () => {
    expect(group('http:server', ':8080', {}, 'http:server:flag', '/flag1')).toBe(true);
    expect(group('http:server', ':8080', {}, 'http:server:file', '/f', { server: ':8080' })).toBe(true);
    expect(group('http:server', ':8080', {}, 'http:server:file', '/f', { server: 'someone else!' })).toBe(false);
    expect(group('http:server', ':8080', {}, 'print', 'p')).toBe(false);
    expect(group('http:server:ui', '/ui/', {}, 'http:server:ui:input', 'text1')).toBe(true);
    expect(group('tftp:server', ':69', {}, 'tftp:file', '/f')).toBe(true);
    expect(group('dhcp:server', ':67', {}, 'dhcp:host', 'h1')).toBe(true);
    expect(group('virt:network', 'n', {}, 'virt:network:range', 'r', { network: 'other' })).toBe(false);
  });
});
