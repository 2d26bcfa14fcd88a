// Bad input never crashes or hangs the compiler: random bytes, random token
// soup and mutated conformance programs all end in success or a LangError with
// a valid stage and span, and none hangs. A fixed seed and a fixed number of
// inputs, so every run checks the same inputs however loaded the machine is;
// an input slower than FUZZ_INPUT_MS is reported, not failed (compile speed is
// bench/compile.ts's). To reproduce one input:
// FUZZ_SEED=<seed> FUZZ_ONLY=<index> npx vitest run test/lang/fuzz.test.ts

import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { FuzzJob, FuzzMsg } from './fuzz-worker.js';
import { describeNeeding } from '../helpers/components.js';

const casesDir = new URL('../../../shared/conformance/cases', import.meta.url).pathname;
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
/** How many inputs (about 20 s on a busy 2-core machine). */
const COUNT = Number(process.env.FUZZ_COUNT ?? 30_000);
/** An input slower than this is reported; one still running after HANG_MS is a hang. */
const PER_INPUT_MS = Number(process.env.FUZZ_INPUT_MS ?? 2_000);
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 30_000);

interface Report {
  count: number;
  byKind: Record<string, number>;
  byStage: Record<string, number>;
  bad: string[];
  slow: string[];
}

function describeInput(i: number, kind: string, input: string, files: string[]): string {
  return `seed ${SEED}, input #${i} (${kind}; files ${files.join(', ')}; FUZZ_SEED=${SEED} FUZZ_ONLY=${i}):\n${JSON.stringify(input)}`;
}

function fuzz(): Promise<Report> {
  const job: FuzzJob = { seed: SEED, casesDir, count: COUNT, only: ONLY };
  // the worker loads the TypeScript loop through tsx (node alone cannot load .ts)
  const entry = new URL('./fuzz-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
  const worker = new Worker(boot, { eval: true, workerData: job });
  const rep: Report = { count: 0, byKind: {}, byStage: {}, bad: [], slow: [] };
  let current: Extract<FuzzMsg, { t: 'start' }> | undefined;
  let started = 0;
  return new Promise((resolve, reject) => {
    // the watchdog: an input running well past its bound is a hang
    const dog = setInterval(() => {
      if (current && performance.now() - started > HANG_MS) {
        clearInterval(dog);
        rep.bad.push(`hang (> ${HANG_MS} ms) on ${describeInput(current.i, current.kind, current.input, current.files)}`);
        void worker.terminate().then(() => resolve(rep));
      }
    }, 250);
    worker.on('message', (m: FuzzMsg) => {
      if (m.t === 'start') {
        current = m;
        started = performance.now();
      } else if (m.t === 'bad') {
        rep.bad.push(`${m.why}\n  on ${describeInput(m.i, m.kind, m.input, current?.files ?? [])}`);
      } else if (m.t === 'ok') {
        if (m.ms > PER_INPUT_MS && current) rep.slow.push(`${m.ms.toFixed(0)} ms on ${describeInput(m.i, current.kind, current.input, current.files)}`);
        current = undefined;
      } else {
        clearInterval(dog);
        Object.assign(rep, { count: m.count, byKind: m.byKind, byStage: m.byStage });
        void worker.terminate().then(() => resolve(rep));
      }
    });
    worker.on('error', (e) => {
      clearInterval(dog);
      reject(e);
    });
  });
}

describeNeeding('fuzzing compile()', existsSync(casesDir) ? undefined : `no conformance cases at ${casesDir}`, () => {
  it(
    'ends every input in success or a well-formed LangError, and none hangs',
    async () => {
      const rep = await fuzz();
      console.log(`fuzz: seed ${SEED}, ${rep.count} inputs`, rep.byKind, rep.byStage);
      expect(rep.bad.slice(0, 5).join('\n\n'), `${rep.bad.length} bad inputs`).toBe('');
      if (rep.slow.length) console.warn(`fuzz: ${rep.slow.length} input(s) took over ${PER_INPUT_MS} ms (a loaded machine, or see bench/compile.ts):\n${rep.slow.slice(0, 5).join('\n\n')}`);
      if (ONLY === undefined) expect(rep.count).toBe(COUNT);
    },
    // A hang guard: the inputs take ~20 s on a busy 2-core machine.
    300_000,
  );
});
