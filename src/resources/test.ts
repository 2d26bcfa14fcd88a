// test: the resource upstream's language tests are written against. It
// covers every Go field type the language can store into, sends `hello` and
// `answer`, and has switches that make Validate and Cmp fail on purpose.

import type { KindDef, ParamDef, ResourceSpec } from './kind.js';
import type { Resource, ResourceRuntime } from '../engine/resource.js';
import { cmpParams, getBool, getInt, getStr, getStrList, param } from './common.js';
import { abortError } from './file/atomic.js';
import { watchNothing } from './file/watch.js';

const intParams: ParamDef[] = (['int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'byte', 'rune'] as const).map((w) =>
  param(w, 'int', `a Go ${w}: range-checked when stored${w.startsWith('u') || w === 'byte' ? ', negatives rejected' : ''}`, { int: w }),
);

const params: ParamDef[] = [
  // `bool`, `str` and `int` are mcl keywords: declared for the field dump, unusable from mcl.
  param('bool', 'bool', 'a plain bool (unreachable from mcl: `bool` is a keyword)'),
  param('str', 'str', 'a plain string (unreachable from mcl: `str` is a keyword)'),
  param('int', 'int', 'a Go int (unreachable from mcl: `int` is a keyword)', { int: 'int' }),
  ...intParams,
  param('float32', 'float', 'a Go float32'),
  param('float64', 'float', 'a Go float64'),
  param('boolptr', 'bool', 'a pointer to bool: unset differs from false', { field: 'BoolPtr', ptr: true }),
  param('stringptr', 'str', 'a pointer to string: unset differs from ""', { field: 'StringPtr', ptr: true }),
  param('int64ptr', 'int', 'a pointer to int64', { field: 'Int64Ptr', ptr: true, int: 'int64' }),
  param('int8ptr', 'int', 'a pointer to int8', { field: 'Int8Ptr', ptr: true, int: 'int8' }),
  param('uint8ptr', 'int', 'a pointer to uint8', { field: 'Uint8Ptr', ptr: true, int: 'uint8' }),
  param('int8ptrptrptr', 'int', 'a pointer to a pointer to a pointer to int8', { field: 'Int8PtrPtrPtr', ptr: true, int: 'int8' }),
  param('slicestring', '[]str', 'a list of strings', { field: 'SliceString' }),
  param('mapintfloat', 'map{int: float}', 'a map of int to float', { field: 'MapIntFloat' }),
  param('mixedstruct', 'struct{somebool bool; somestr str; someint int; somefloat float}', 'a struct; all four fields, in this order', { field: 'MixedStruct' }),
  param('interface', 'variant', 'a value of any type', { field: 'Interface' }),
  param('anotherstr', 'str', 'a string, the workhorse of the tests', { field: 'AnotherStr' }),
  param('func1', 'func(int) str', 'a function from int to str', { field: 'Func1' }),
  param('validatebool', 'bool', 'when true, Validate fails with `the validate param was set to true`', { field: 'ValidateBool' }),
  param('validateerror', 'str', 'when non-empty, Validate fails with `the validate error param was set to: <it>`', { field: 'ValidateError' }),
  param('alwaysgroup', 'bool', 'when true, other test resources may be grouped into this one', { field: 'AlwaysGroup' }),
  param('comparefail', 'bool', 'when true, duplicates never compare equal', { field: 'CompareFail' }),
  param('sendvalue', 'str', 'the value sent under the `hello` key', { field: 'SendValue' }),
  param('expectrecv', '[]str', 'the keys this resource expects to receive (checked when run)', { field: 'ExpectRecv' }),
  param('onlyshow', '[]str', 'Go field names to show when logging (a display filter only)', { field: 'OnlyShow' }),
  param('waitforerror', 'int', 'when set, apply blocks this many ms and then errors', { field: 'WaitForError' }),
  param('comment', 'str', 'free text, ignored'),
];

const byParams = cmpParams(params, (p) => (p.name === 'int' ? 'the Str differs' /* upstream's copy-paste quirk */ : undefined));

export const kind: KindDef = {
  kind: 'test',
  doc: 'A resource for testing the language: stores every kind of Go field, sends `hello` and `answer`, fails on request.',
  params,
  sends: [
    { key: 'hello', type: 'str', goKind: 'string' },
    { key: 'answer', type: 'int', goKind: 'int' },
  ],
  recv: true,
  validate(res: ResourceSpec) {
    if (getBool(res, 'validatebool')) return 'the validate param was set to true';
    const e = getStr(res, 'validateerror');
    if (e !== '') return `the validate error param was set to: ${e}`;
    return undefined;
  },
  cmp(a, b) {
    if (getBool(a, 'comparefail') || getBool(b, 'comparefail')) return 'the CompareFail is true';
    return byParams(a, b);
  },
  // Only the parent's flag is consulted, as upstream does.
  groupCmp: (parent, child) => parent.kind === child.kind && parent.meta.autogroup && child.meta.autogroup && getBool(parent, 'alwaysgroup'),
  groupParent: (res) => getBool(res, 'alwaysgroup'),
  create: (spec) => new TestResource(spec),
};

/**
 * Always in state. CheckApply logs a refresh, sends `hello` (the sendvalue)
 * and `answer` (42), fails after `waitforerror` ms when set, and checks that
 * every key in `expectrecv` holds a received value (the engine writes what a
 * resource receives into its params before CheckApply).
 */
export class TestResource implements Resource {
  constructor(public spec: ResourceSpec) {}

  async init(_rt: ResourceRuntime): Promise<void> {}

  watch(rt: ResourceRuntime): Promise<void> {
    return watchNothing(rt);
  }

  async checkApply(rt: ResourceRuntime, _apply: boolean): Promise<boolean> {
    if (rt.refresh()) rt.log.info('received a notification');
    const wait = Number(getInt(this.spec, 'waitforerror'));
    if (wait > 0) {
      await sleep(wait, rt.signal);
      throw new Error(`the wait for error param was set to: ${wait}`);
    }
    rt.send({ hello: getStr(this.spec, 'sendvalue'), answer: 42n });
    const missing = getStrList(this.spec, 'expectrecv').filter((k) => !this.spec.params.has(k));
    if (missing.length > 0) throw new Error(`the expected keys were not received: ${missing.join(', ')}`);
    return true;
  }

  async cleanup(): Promise<void> {}
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
