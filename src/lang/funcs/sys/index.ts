// The `sys` module: the environment and live system statistics.

import type { ModuleDef } from '../registry.js';
import { cpuCount } from './cpu-count.js';
import { env } from './env.js';
import { getenv } from './getenv.js';
import { hasenv } from './hasenv.js';
import { hostname } from './hostname.js';
import { load } from './load.js';
import { uptime } from './uptime.js';

export const module: ModuleDef = {
  path: 'sys',
  funcs: [cpuCount, env, getenv, hasenv, hostname, load, uptime],
};
