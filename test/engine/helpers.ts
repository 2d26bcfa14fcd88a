// Small real resources for engine tests: they sleep, write real files, fail
// on request, send and receive values, and write down every CheckApply in a
// journal the tests read. They are registered as test-only kinds through the
// engine's `kinds` option, so the engine runs them exactly as any kind.

import { existsSync, readFileSync, renameSync, watch as fsWatch, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Engine } from '../../src/engine/engine.js';
import type { EngineOptions } from '../../src/engine/engine.js';
import type { Vertex } from '../../src/engine/graph.js';
import { ResourceGraph } from '../../src/engine/graph.js';
import type { Resource, ResourceRuntime } from '../../src/engine/resource.js';
import type { Value } from '../../src/lang/types/value.js';
import { getKind } from '../../src/resources/index.js';
import { DEFAULT_META } from '../../src/resources/kind.js';
import type { KindDef, MetaParams, ResourceSpec } from '../../src/resources/kind.js';
import type { Logger } from '../../src/util/log.js';

export interface Entry {
  id: string;
  what: 'start' | 'end' | 'refresh' | 'event';
  t: number;
}

export const journal: Entry[] = [];
const attempts = new Map<string, number>();

export function resetJournal(): void {
  journal.length = 0;
  attempts.clear();
}

const t0 = performance.now();
const now = () => performance.now() - t0;
const str = (s: ResourceSpec, k: string, d = '') => (typeof s.params.get(k) === 'string' ? (s.params.get(k) as string) : d);
const int = (s: ResourceSpec, k: string, d = 0) => (typeof s.params.get(k) === 'bigint' ? Number(s.params.get(k)) : d);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const untilAborted = (rt: ResourceRuntime) => new Promise<void>((r) => rt.signal.addEventListener('abort', () => r()));

function base(spec: ResourceSpec, checkApply: Resource['checkApply'], watch?: Resource['watch']): Resource {
  return {
    spec,
    async init() {},
    watch:
      watch ??
      (async (rt) => {
        rt.running();
        await untilAborted(rt);
      }),
    checkApply,
    async cleanup() {},
  };
}

const id = (s: ResourceSpec) => `${s.kind}[${s.name}]`;

/** `t:sleep`: CheckApply takes `ms`; reports a change unless `inState` is "yes". */
const sleepKind: KindDef = {
  kind: 't:sleep',
  doc: '',
  params: [],
  create: (spec) =>
    base(spec, async (rt) => {
      journal.push({ id: id(spec), what: 'start', t: now() });
      if (rt.refresh()) journal.push({ id: id(spec), what: 'refresh', t: now() });
      await sleep(int(spec, 'ms'));
      journal.push({ id: id(spec), what: 'end', t: now() });
      return str(spec, 'inState') === 'yes';
    }),
  groupCmp: () => true,
};

/** `t:file`: a real file with `content`; watches its directory and repairs drift. */
const fileKind: KindDef = {
  kind: 't:file',
  doc: '',
  params: [],
  create: (spec) =>
    base(
      spec,
      async (_rt, apply) => {
        journal.push({ id: id(spec), what: 'start', t: now() });
        const want = str(spec, 'content');
        const have = existsSync(spec.name) ? readFileSync(spec.name, 'utf8') : undefined;
        if (have === want) return true;
        if (apply) {
          // Write beside and rename: never a partial file.
          writeFileSync(spec.name + '.tmp', want);
          renameSync(spec.name + '.tmp', spec.name);
        }
        return false;
      },
      async (rt) => {
        const w = fsWatch(dirname(spec.name), (_e, f) => {
          if (f === basename(spec.name)) rt.event();
        });
        rt.running();
        await untilAborted(rt);
        w.close();
      },
    ),
};

/** `t:flaky`: fails its first `fail` CheckApplys (counted per name across instances). */
const flakyKind: KindDef = {
  kind: 't:flaky',
  doc: '',
  params: [],
  create: (spec) =>
    base(spec, async () => {
      const n = (attempts.get(spec.name) ?? 0) + 1;
      attempts.set(spec.name, n);
      journal.push({ id: id(spec), what: 'start', t: now() });
      if (n <= int(spec, 'fail')) throw new Error(`attempt ${n} failed`);
      return false;
    }),
};

/** `t:hang`: CheckApply never returns. */
const hangKind: KindDef = {
  kind: 't:hang',
  doc: '',
  params: [],
  create: (spec) => base(spec, () => new Promise<boolean>(() => {})),
};

/** `t:badwatch`: Watch throws `fail` times, then works. */
const badWatchKind: KindDef = {
  kind: 't:badwatch',
  doc: '',
  params: [],
  create: (spec) =>
    base(
      spec,
      async () => {
        journal.push({ id: id(spec), what: 'start', t: now() });
        return true;
      },
      async (rt) => {
        const n = (attempts.get('watch:' + spec.name) ?? 0) + 1;
        attempts.set('watch:' + spec.name, n);
        if (n <= int(spec, 'fail')) throw new Error(`watch attempt ${n} failed`);
        rt.running();
        await untilAborted(rt);
      },
    ),
};

/** `t:send`: sends `out` (its `value` param) under the key `out`. */
const sendKind: KindDef = {
  kind: 't:send',
  doc: '',
  params: [],
  sends: [{ key: 'out', type: 'str', goKind: 'string' }],
  create: (spec) =>
    base(spec, async (rt) => {
      journal.push({ id: id(spec), what: 'start', t: now() });
      rt.send({ out: spec.params.get('value') ?? '' });
      return true;
    }),
};

/** `t:recv`: records the `in` param it runs with. */
export const received: string[] = [];
const recvKind: KindDef = {
  kind: 't:recv',
  doc: '',
  params: [{ name: 'in', field: 'In', type: 'str' }],
  recv: true,
  create: (spec) =>
    base(spec, async () => {
      journal.push({ id: id(spec), what: 'start', t: now() });
      received.push(str(spec, 'in'));
      return true;
    }),
};

/** `t:event`: its Watch fires `n` events `gap` ms apart once running (each in the journal). */
const eventKind: KindDef = {
  kind: 't:event',
  doc: '',
  params: [],
  create: (spec) =>
    base(
      spec,
      async () => {
        journal.push({ id: id(spec), what: 'start', t: now() });
        await sleep(int(spec, 'ms'));
        journal.push({ id: id(spec), what: 'end', t: now() });
        return true;
      },
      async (rt) => {
        rt.running();
        for (let i = 0; i < int(spec, 'n'); i++) {
          await sleep(int(spec, 'gap'));
          journal.push({ id: id(spec), what: 'event', t: now() });
          rt.event();
        }
        await untilAborted(rt);
      },
    ),
};

const TEST_KINDS = new Map([sleepKind, fileKind, flakyKind, hangKind, badWatchKind, sendKind, recvKind, eventKind].map((k) => [k.kind, k]));

export const testKinds = (kind: string): KindDef | undefined => TEST_KINDS.get(kind) ?? getKind(kind);

/** A vertex as a frontend would make it. */
export function vtx(kind: string, name: string, params: Record<string, Value | number> = {}, meta: Partial<MetaParams> = {}): Vertex {
  const p = new Map<string, Value>(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : (v as Value)]));
  return { kind, name, params: p, meta: { ...DEFAULT_META, ...meta } };
}

export function graphOf(vertices: Vertex[], edges: [Vertex, Vertex, boolean?][] = []): ResourceGraph {
  const g = new ResourceGraph();
  for (const v of vertices) g.addVertex(v);
  for (const [a, b, n] of edges) g.addEdge(a, b, n ?? false);
  return g;
}

/** Collects log lines instead of writing to stderr. */
export function memLog(lines: string[] = [], prefix = ''): Logger {
  const put = (lvl: string) => (m: string) => void lines.push(`${lvl}: ${prefix}${m}`);
  return { debug: put('debug'), info: put('info'), warn: put('warn'), error: put('error'), child: (p) => memLog(lines, `${prefix}${p}: `) };
}

export function testEngine(opts: EngineOptions = {}, lines: string[] = []): Engine {
  return new Engine({ kinds: testKinds, log: memLog(lines), ...opts });
}

export function starts(id: string): Entry[] {
  return journal.filter((e) => e.id === id && e.what === 'start');
}

export function span(id: string): { start: number; end: number } {
  const s = journal.find((e) => e.id === id && e.what === 'start')!;
  const e = journal.find((x) => x.id === id && x.what === 'end')!;
  return { start: s.t, end: e.t };
}

export const wait = sleep;
