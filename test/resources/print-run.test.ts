// print, noop, msg, test and exit: the kinds whose CheckApply only logs, sends or asks.

import { afterEach, describe, expect, it } from 'vitest';
import { ExitRequest } from '../../src/engine/resource.js';
import { KINDS } from '../../src/resources/index.js';
import type { Value } from '../../src/lang/types/value.js';
import { spec } from './helpers.js';
import { makeRuntime, startWatch, type TestRuntime } from './runtime-helper.js';

const make = (kind: string, params: Record<string, Value> = {}) => KINDS.get(kind)!.create!(spec(kind, 'r', params));
let t: TestRuntime;
afterEach(() => t?.dispose());

describe('print', () => {
  it('prints once, again on a refresh or a new message', async () => {
    t = makeRuntime();
    const res = make('print', { msg: 'hello' });
    const { done } = await startWatch(t, res);
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(await res.checkApply(t.rt, true)).toBe(true);
    t.refreshPending = true;
    expect(await res.checkApply(t.rt, true)).toBe(false);
    res.spec.params.set('msg', 'changed'); // as a recv would
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(t.logs).toEqual(['Msg: hello', 'Msg: hello', 'Msg: changed']);
    t.ctl.abort();
    await done;
  });

  it('noop prints (printing changes nothing) and does not claim to be out of state', async () => {
    t = makeRuntime();
    const res = make('print', { msg: 'hello' });
    expect(await res.checkApply(t.rt, false)).toBe(true);
    expect(await res.checkApply(t.rt, false)).toBe(true);
    expect(t.logs).toEqual(['Msg: hello']);
  });

  it('refresh_only prints only on a refresh', async () => {
    t = makeRuntime();
    const res = make('print', { msg: 'x', refresh_only: true });
    expect(await res.checkApply(t.rt, true)).toBe(true);
    t.refreshPending = true;
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(t.logs).toEqual(['Msg: x']);
  });
});

describe('noop, msg, test, exit', () => {
  it('noop is always in state', async () => {
    t = makeRuntime();
    expect(await make('noop').checkApply(t.rt, true)).toBe(true);
  });

  it('msg logs its body once', async () => {
    t = makeRuntime();
    const res = make('msg', { body: 'disk is full', priority: 'Warning' });
    expect(await res.checkApply(t.rt, true)).toBe(false);
    expect(await res.checkApply(t.rt, true)).toBe(true);
    expect(t.logs).toEqual(['Body: disk is full']);
  });

  it('msg in noop logs its body, sends it nowhere, and is in state', async () => {
    t = makeRuntime();
    const res = make('msg', { body: 'disk is full', priority: 'Warning', journal: true });
    expect(await res.checkApply(t.rt, false)).toBe(true);
    expect(t.logs).toEqual(['Body: disk is full', 'would send it to the journal']);
  });

  it('test sends hello and answer, checks expectrecv, and fails after waitforerror', async () => {
    t = makeRuntime();
    expect(await make('test', { sendvalue: 'hi' }).checkApply(t.rt, true)).toBe(true);
    expect(t.sent).toEqual([{ hello: 'hi', answer: 42n }]);
    await expect(make('test', { expectrecv: ['anotherstr'] }).checkApply(t.rt, true)).rejects.toThrow('the expected keys were not received: anotherstr');
    expect(await make('test', { expectrecv: ['anotherstr'], anotherstr: 'got' }).checkApply(t.rt, true)).toBe(true);
    const started = Date.now();
    await expect(make('test', { waitforerror: 150n }).checkApply(t.rt, true)).rejects.toThrow('the wait for error param was set to: 150');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('exit throws ExitRequest with its code when applied, and only reports in noop', async () => {
    t = makeRuntime();
    expect(await make('exit', { code: 3n }).checkApply(t.rt, false)).toBe(false);
    const err = await make('exit', { code: 3n }).checkApply(t.rt, true).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExitRequest);
    expect((err as ExitRequest).code).toBe(3);
  });
});
