// The `example` module: small functions that show how the library is built,
// plus some functions, a variable and a class written in mcl.

import type { ModuleDef } from '../registry.js';
import { answer } from './answer.js';
import { errorbool } from './errorbool.js';
import { flipflop } from './flipflop.js';
import { int2str, str2int } from './int2str.js';
import { plus } from './plus.js';
import { vumeter } from './vumeter.js';

const MCL = [
  'func nativeanswer() {\n\t42\n}\n',
  'func test1() {\n\t42\n}\n',
  '$test1 = 13\n',
  'class test1 {\n\ttest "test1" {\n\t\tanotherstr => "hello from example.test1",\n\t}\n}\n',
].join('\n');

export const module: ModuleDef = {
  path: 'example',
  funcs: [answer, errorbool, flipflop, int2str, plus, str2int, vumeter],
  mcl: MCL,
};
