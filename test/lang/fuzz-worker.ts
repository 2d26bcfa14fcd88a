// The fuzz loop, run in a worker thread so that a hang can be detected and
// the worker killed: before each input it posts the input, after it the outcome.
// Every input is a pure function of (seed, index), so any one reproduces alone.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { LangError, STAGES, renderError } from '../../src/lang/errors.js';
import { compile } from '../../src/lang/index.js';
import { builtins } from '../../src/lang/funcs/index.js';
import { listTxtar, readTxtar } from '../helpers/txtar.js';

export interface FuzzJob {
  seed: number;
  casesDir: string;
  /** How many inputs (0 … count-1): a fixed set, whatever the machine's load. */
  count: number;
  /** Run only this input index (to reproduce one failure). */
  only?: number;
}

export type FuzzMsg =
  | { t: 'start'; i: number; kind: string; input: string; files: string[] }
  | { t: 'ok'; i: number; ms: number; stage?: string }
  | { t: 'bad'; i: number; kind: string; input: string; why: string }
  | { t: 'done'; count: number; byKind: Record<string, number>; byStage: Record<string, number> };

/** mulberry32: small, fast, good enough to shuffle bytes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  '\n', '\n', '\n', ' ', '\t', '{', '}', '(', ')', '[', ']', ',', ':', ';', '=', '==', '!=', '=>', '->', '?:', '<|>', '.',
  '+', '-', '*', '/', '<', '>', '<=', '>=', 'and', 'or', 'not', 'in', 'if', 'else', 'for', 'forkv', 'func', 'class',
  'include', 'import', 'as', 'collect', 'panic', 'true', 'false', 'str', 'int', 'float', 'bool', 'map', 'struct',
  'variant', '$x', '$y', '$l', '$m', '$s', '$f', '$i', '$v', '$a.b', 'x', 'f', 'fmt', 'printf', 'fmt.printf', 'len',
  'test', 'file', 'print', 'Test', 'File', 'Meta', 'Meta:noop', 'anotherstr', 'content', 'Before', 'Notify', 'Depend',
  '"a"', '"${x}"', '"${"', '"%d"', '"\\n"', '"/tmp/x"', '"fmt"', '"x.mcl"', '"mod/"', '0', '1', '-1', '42', '3.14',
  '99999999999999999999', '#c', '$', '"', '\\', '@', '`', 'λ', '\r',
];

type Files = Map<string, string>;

function randomBytes(r: () => number): string {
  const n = Math.floor(r() * 200);
  let s = '';
  for (let k = 0; k < n; k++) {
    const x = r();
    // mostly printable ASCII, some control bytes and some wider code points
    s += x < 0.8 ? String.fromCharCode(32 + Math.floor(r() * 95)) : x < 0.9 ? String.fromCharCode(Math.floor(r() * 32)) : String.fromCodePoint(Math.floor(r() * 0x2fff));
  }
  return s;
}

function tokenSoup(r: () => number): string {
  const n = 1 + Math.floor(r() * 60);
  const out: string[] = [];
  for (let k = 0; k < n; k++) out.push(TOKENS[Math.floor(r() * TOKENS.length)]);
  return out.join(r() < 0.5 ? ' ' : '');
}

function mutate(r: () => number, text: string): string {
  let s = text;
  const steps = 1 + Math.floor(r() * 3);
  for (let k = 0; k < steps; k++) {
    const lines = s.split('\n');
    const li = Math.floor(r() * lines.length);
    const lj = Math.floor(r() * lines.length);
    const ci = Math.floor(r() * Math.max(1, s.length));
    switch (Math.floor(r() * 7)) {
      case 0: lines.splice(li, 1); s = lines.join('\n'); break;
      case 1: lines.splice(li, 0, lines[li] ?? ''); s = lines.join('\n'); break;
      case 2: [lines[li], lines[lj]] = [lines[lj], lines[li]]; s = lines.join('\n'); break;
      case 3: s = s.slice(0, ci) + s.slice(ci + 1); break;
      case 4: s = s.slice(0, ci) + s.charAt(ci) + s.slice(ci); break;
      case 5: s = s.slice(0, ci) + s.charAt(ci + 1) + s.charAt(ci) + s.slice(ci + 2); break;
      default: s = s.slice(0, ci) + TOKENS[Math.floor(r() * TOKENS.length)] + s.slice(ci); break;
    }
  }
  return s;
}

function loadCases(dir: string): Files[] {
  const out: Files[] = [];
  for (const p of listTxtar(dir)) {
    const t = readTxtar(p);
    if (!t.files.has('main.mcl')) continue;
    const files: Files = new Map();
    for (const [name, text] of t.files) if (name.endsWith('.mcl')) files.set(name, text);
    out.push(files);
  }
  return out;
}

/** Input number `i`: a third random bytes, a third token soup, a third mutated cases (cycling through all). */
export function inputFor(seed: number, i: number, cases: Files[]): { kind: string; files: Files } {
  const r = prng(seed ^ Math.imul(i + 1, 0x9e3779b1));
  const pick = i % 4;
  if (pick === 0) return { kind: 'bytes', files: new Map([['main.mcl', randomBytes(r)]]) };
  if (pick === 1) return { kind: 'tokens', files: new Map([['main.mcl', tokenSoup(r)]]) };
  const base = cases[Math.floor(i / 4) % cases.length];
  const files = new Map(base);
  files.set('main.mcl', mutate(r, base.get('main.mcl')!));
  return { kind: 'mutant', files };
}

/** null when the outcome is acceptable, else why not. */
export function judge(e: unknown, main: string): string | null {
  if (!(e instanceof LangError)) return `threw a non-LangError: ${(e as Error)?.stack ?? String(e)}`;
  if (!(STAGES as readonly string[]).includes(e.stage)) return `bad stage ${e.stage}`;
  const sp = e.span;
  if (sp) {
    if (!(sp.line >= 1 && sp.col >= 1 && sp.endLine >= sp.line)) return `bad span ${JSON.stringify(sp)}`;
    if (sp.file === '/main.mcl' && sp.line > main.split('\n').length + 1) return `span past the end of the file: ${JSON.stringify(sp)}`;
  }
  try {
    e.text();
    renderError(e, (f) => (f === '/main.mcl' ? main : undefined));
  } catch (x) {
    return `rendering the error threw: ${(x as Error).stack}`;
  }
  return null;
}

function run(job: FuzzJob): void {
  const post = (m: FuzzMsg) => parentPort!.postMessage(m);
  const cases = loadCases(job.casesDir);
  const root = mkdtempSync(join(tmpdir(), 'mcl-fuzz-'));
  const registry = builtins();
  const deploy = { root, entry: '/main.mcl', files: '/files/' };
  const once = (files: Files) => {
    const overlay = new Map([...files].map(([n, t]) => [join(root, n), t]));
    return compile(deploy, { registry, overlay, hostname: 'fuzz' });
  };
  // warm up (module loading, JIT) so that the first input is not timed with it
  try {
    once(new Map([['main.mcl', 'import "fmt"\ntest [fmt.printf("%d", 1)] {}\n']]));
  } catch {
    /* judged below for real inputs */
  }
  const byKind: Record<string, number> = {};
  const byStage: Record<string, number> = {};
  let count = 0;
  for (let i = job.only ?? 0; ; i++) {
    if (job.only !== undefined ? i > job.only : i >= job.count) break;
    const { kind, files } = inputFor(job.seed, i, cases);
    const main = files.get('main.mcl')!;
    post({ t: 'start', i, kind, input: main, files: [...files.keys()] });
    const s0 = performance.now();
    let stage = 'ok';
    try {
      once(files);
    } catch (e) {
      const why = judge(e, main);
      if (why) post({ t: 'bad', i, kind, input: main, why });
      stage = e instanceof LangError ? e.stage : 'crash';
    }
    post({ t: 'ok', i, ms: performance.now() - s0, stage });
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    byStage[stage] = (byStage[stage] ?? 0) + 1;
    count++;
  }
  post({ t: 'done', count, byKind, byStage });
}

if (parentPort && workerData) run(workerData as FuzzJob);
