// bench/repl: how long the REPL takes to answer one entry, with a session
// program of 0, 100 and 1,000 statements already typed (each entry
// recompiles the whole session program). In-process, after a warm-up.
//
//   npx tsx bench/repl.ts

import { ReplSession } from '../src/repl/session.js';

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
}

for (const size of [0, 100, 1000]) {
  const session = new ReplSession({ hostname: 'bench' });
  await session.eval('import "fmt"');
  for (let i = 0; i < size; i++) {
    const r = await session.eval(i % 2 ? `$b${i} = fmt.printf("%d", ${i})` : `test "t${i}" {}`);
    if (!r.ok) throw new Error(r.output);
  }
  const entries = ['42', '[1, 2, 3]', 'fmt.printf("%d-%s", 7, "x")', 'func($x) { $x * 2 }(21)', '{"a" => 1}'];
  const times: number[] = [];
  for (let round = 0; round < 6; round++) {
    for (const e of entries) {
      const t0 = performance.now();
      const r = await session.eval(e);
      const dt = performance.now() - t0;
      if (!r.ok) throw new Error(r.output);
      if (round > 0) times.push(dt);
    }
  }
  console.log(`repl expression, session of ${String(size).padStart(4)} statements: ${stats(times)}`);
}
