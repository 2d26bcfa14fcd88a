import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getKind, KINDS } from '../../src/resources/index.js';
import { camel, goKindOf, param } from '../../src/resources/common.js';
import { parseType } from '../../src/lang/types/type.js';

const EXPECTED = `test print noop file exec pkg svc timer kv msg value line _panic augeas aws:ec2 bmc:firmware bmc:power consul:kv
cron deploy:tar dhcp:server dhcp:host dhcp:range docker:container docker:image exit firewalld fwattr fwupd:device fwupd:remote
fwupd:system group gsettings gzip hetzner:vm hostname http:client http:server http:server:file http:server:flag http:server:proxy
http:server:ui http:server:ui:input json:edit mount net nspawn password remote schedule ssh:authorized_key sysctl tar tftp:server
tftp:file user virt virt:builder virt:network virt:network:host virt:network:range`.split(/\s+/);

describe('the kind registry', () => {
  it('has every kind of the reference and nothing else', () => {
    expect([...KINDS.keys()].sort()).toEqual([...EXPECTED].sort());
    expect(getKind('notaresource')).toBeUndefined();
    expect(getKind('http:server:ui:input')?.kind).toBe('http:server:ui:input');
  });

  it('keeps one file per kind, named after it', async () => {
    const dir = join(__dirname, '../../src/resources');
    for (const k of EXPECTED) {
      const file = k === '_panic' ? 'panic' : k.replace(/:/g, '-');
      const mod = (await import(join(dir, `${file}.ts`))) as { kind: { kind: string } };
      expect(mod.kind.kind).toBe(k);
    }
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !['kind.ts', 'common.ts', 'index.ts', 'meta.ts'].includes(f));
    expect(files.length).toBe(EXPECTED.length);
  });

  it('declares params with parseable types, exported unique Go fields and docs', () => {
    for (const def of KINDS.values()) {
      const names = new Set<string>();
      const fields = new Set<string>();
      for (const p of def.params) {
        expect(() => parseType(p.type), `${def.kind}.${p.name}: ${p.type}`).not.toThrow();
        expect(p.field, `${def.kind}.${p.name}`).toMatch(/^[A-Z][A-Za-z0-9]*$/);
        expect(names.has(p.name), `${def.kind}.${p.name} twice`).toBe(false);
        expect(fields.has(p.field), `${def.kind}.${p.field} twice`).toBe(false);
        expect(p.doc, `${def.kind}.${p.name} doc`).toBeTruthy();
        names.add(p.name);
        fields.add(p.field);
      }
    }
  });

  it('gives the Go field names func3 dumps', () => {
    const field = (k: string, p: string) => getKind(k)?.params.find((x) => x.name === p)?.field;
    expect(field('test', 'anotherstr')).toBe('AnotherStr');
    expect(field('test', 'boolptr')).toBe('BoolPtr');
    expect(field('test', 'expectrecv')).toBe('ExpectRecv');
    expect(field('test', 'mixedstruct')).toBe('MixedStruct');
    expect(field('test', 'onlyshow')).toBe('OnlyShow');
    expect(field('test', 'sendvalue')).toBe('SendValue');
    expect(field('test', 'int8ptrptrptr')).toBe('Int8PtrPtrPtr');
    expect(field('value', 'any')).toBe('Any');
    expect(field('print', 'msg')).toBe('Msg');
    expect(field('print', 'refresh_only')).toBe('RefreshOnly');
    expect(field('file', 'content')).toBe('Content');
    expect(field('exec', 'watchcmd')).toBe('WatchCmd');
    expect(field('exec', 'doneshell')).toBe('DoneShell');
    expect(field('exec', 'send_output')).toBe('SendOutput');
    expect(field('pkg', 'allowdowngrade')).toBe('AllowDowngrade');
    expect(camel('refresh_only')).toBe('RefreshOnly');
  });

  it('knows no complex params on test (they have no mcl type)', () => {
    expect(getKind('test')?.params.some((p) => p.name.startsWith('complex'))).toBe(false);
  });

  it('names Go kinds for send/recv checks', () => {
    const test = getKind('test')!;
    const p = (n: string) => test.params.find((x) => x.name === n)!;
    expect(goKindOf(p('anotherstr'))).toBe('string');
    expect(goKindOf(p('int64'))).toBe('int64');
    expect(goKindOf(p('uint8'))).toBe('uint8');
    expect(goKindOf(p('float32'))).toBe('float64');
    expect(goKindOf(p('stringptr'))).toBe('ptr');
    expect(goKindOf(p('interface'))).toBe('interface');
    expect(goKindOf(p('slicestring'))).toBe('slice');
    expect(goKindOf(p('mapintfloat'))).toBe('map');
    expect(goKindOf(p('mixedstruct'))).toBe('struct');
    expect(goKindOf(p('func1'))).toBe('func');
    expect(goKindOf(param('x', 'bool', 'd'))).toBe('bool');
    expect(goKindOf(param('x', 'int', 'd'))).toBe('int');
    expect(test.sends).toEqual([
      { key: 'hello', type: 'str', goKind: 'string' },
      { key: 'answer', type: 'int', goKind: 'int' },
    ]);
  });

  it('marks who sends and who receives', () => {
    const sendKeys = (k: string) => getKind(k)?.sends?.map((s) => s.key) ?? [];
    expect(sendKeys('exec')).toEqual(['output', 'stdout', 'stderr']);
    expect(sendKeys('value')).toEqual(['any']);
    expect(sendKeys('http:client')).toEqual(['content']);
    expect(sendKeys('http:server:flag')).toEqual(['value']);
    expect(sendKeys('http:server:ui:input')).toEqual(['value']);
    expect(sendKeys('password')).toEqual(['password']);
    expect(sendKeys('file')).toEqual([]);
    for (const k of ['test', 'print', 'file', 'kv', 'value', 'cron', 'http:server:file']) expect(getKind(k)?.recv, k).toBe(true);
    expect(getKind('exec')?.recv).toBeFalsy();
    expect(getKind('value')?.sends?.[0].goKind).toBe('interface');
  });
});
