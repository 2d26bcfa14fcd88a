import { graphOf } from './test/helpers/compile.js';
import { readFileSync } from 'node:fs';
const src = readFileSync(process.argv[2], 'utf8');
const r = await graphOf(src);
console.log(r.err ?? r.graph);
if (r.error?.span) console.log('span', JSON.stringify(r.error.span));
