// Node built-ins that cost start-up and that most runs never use, loaded on
// first use. child_process alone brings in net, dgram and the stream
// machinery, crypto its whole tree: together ~6 ms of every command's start,
// for the exec, msg and user resources and two functions.

import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

let childProcessModule: typeof import('node:child_process') | undefined;
export const childProcess = (): typeof import('node:child_process') => (childProcessModule ??= load('node:child_process'));

let cryptoModule: typeof import('node:crypto') | undefined;
export const crypto = (): typeof import('node:crypto') => (cryptoModule ??= load('node:crypto'));

let readlineModule: typeof import('node:readline') | undefined;
export const readline = (): typeof import('node:readline') => (readlineModule ??= load('node:readline'));
