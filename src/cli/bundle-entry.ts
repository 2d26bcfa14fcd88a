// The entry of the CommonJS bundle dist/bundle/mgmt.cjs (scripts/bundle.mjs):
// `main` for bin/mgmt.js, and what scripts/snapshot.mjs needs to make the
// start-up snapshot from it.

export { exitWhenDone, main } from './main.js';
export { fromSnapshot, warmUp } from './snapshot.js';
