// The core function library: every module, registered once.

import { Registry } from './registry.js';
import type { ModuleDef } from './registry.js';
import { module as core } from './core/index.js';
import { module as fmt } from './fmt/index.js';
import { module as iter } from './iter/index.js';
import { module as strings } from './strings/index.js';
import { module as convert } from './convert/index.js';
import { module as math } from './math/index.js';
import { module as list } from './list/index.js';
import { module as map } from './map/index.js';
import { module as encoding } from './encoding/index.js';
import { module as regexp } from './regexp/index.js';
import { module as datetime } from './datetime/index.js';
import { module as os } from './os/index.js';
import { module as sys } from './sys/index.js';
import { module as sysFwupd } from './sys/fwupd/index.js';
import { module as net } from './net/index.js';
import { module as netHttp } from './net/http/index.js';
import { module as deploy } from './deploy/index.js';
import { module as local } from './local/index.js';
import { module as value } from './value/index.js';
import { module as world } from './world/index.js';
import { module as worldCollect } from './world/collect/index.js';
import { module as test } from './test/index.js';
import { module as example } from './example/index.js';
import { module as exampleNested } from './example/nested/index.js';
import { module as util } from './util/index.js';
import { module as golang } from './golang/index.js';
import { modules as golangStd } from './golang/std/index.js';

const ALL: ModuleDef[] = [
  core, fmt, iter, strings, convert, math, list, map, encoding, regexp, datetime,
  os, sys, sysFwupd, net, netHttp, deploy, local, value, world, worldCollect,
  test, example, exampleNested, util, golang, ...golangStd,
];

let registry: Registry | undefined;

/** The registry of every builtin module, built once. */
export function builtins(): Registry {
  if (!registry) {
    registry = new Registry();
    for (const m of ALL) registry.register(m);
  }
  return registry;
}
