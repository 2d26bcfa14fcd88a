// The meta params every resource has (§7.3): their mcl names and types in
// the order of the `Meta => struct{…}` form, and upstream's range checks.

import type { MetaParams } from './kind.js';

/** Meta param names with their mcl types, in the order `Meta => struct{…}` requires. */
export const META_FIELDS: readonly { name: keyof MetaParams; type: string }[] = [
  { name: 'noop', type: 'bool' },
  { name: 'retry', type: 'int' },
  { name: 'retryreset', type: 'bool' },
  { name: 'delay', type: 'int' },
  { name: 'timeout', type: 'int' },
  { name: 'poll', type: 'int' },
  { name: 'limit', type: 'float' },
  { name: 'burst', type: 'int' },
  { name: 'reset', type: 'bool' },
  { name: 'sema', type: '[]str' },
  { name: 'rewatch', type: 'bool' },
  { name: 'realize', type: 'bool' },
  { name: 'dollar', type: 'bool' },
  { name: 'hidden', type: 'bool' },
  { name: 'export', type: '[]str' },
  { name: 'reverse', type: 'bool' },
  { name: 'autoedge', type: 'bool' },
  { name: 'autogroup', type: 'bool' },
];

/** The exact struct type `Meta => EXPR` must have. */
export const metaStructType = `struct{${META_FIELDS.map((f) => `${f.name} ${f.type}`).join('; ')}}`;

const INT16_MIN = -32768;
const INT16_MAX = 32767;
const INT32_MAX = 2147483647;

/**
 * Upstream's MetaParams checks; returns the reason, or undefined when valid.
 * The caller words the prefix (`… did not Validate: the Res has an invalid meta param: …`).
 */
export function validateMeta(meta: MetaParams): string | undefined {
  if (meta.retry < INT16_MIN || meta.retry > INT16_MAX) return `retry value ${meta.retry} overflows int16`;
  if (meta.delay < 0) return `delay value ${meta.delay} is negative`;
  if (meta.timeout < 0) return `timeout value ${meta.timeout} is negative`;
  if (meta.poll < 0) return `poll value ${meta.poll} is negative`;
  if (meta.poll > INT32_MAX) return `poll value ${meta.poll} overflows int32`;
  if (meta.burst < 0) return `burst value ${meta.burst} is negative`;
  if (meta.limit !== Infinity && meta.burst === 0) return 'permanently limited (rate != Inf, burst = 0)';
  for (const s of meta.sema) {
    const reason = validateSema(s);
    if (reason) return reason;
  }
  return undefined;
}

/**
 * A semaphore is `id` (size 1) or `id:N` with N ≥ 1. An empty string or a
 * bare integer is invalid; a suffix that is not an integer is part of the id.
 */
export function validateSema(s: string): string | undefined {
  if (s === '') return 'semaphore is empty';
  if (/^[-+]?\d+$/.test(s)) return `semaphore format is invalid: ${s}`;
  const size = semaSize(s);
  if (size < 1) return `semaphore size must be at least 1: ${s}`;
  return undefined;
}

/** The size of a semaphore entry: the integer after the last `:`, else 1. */
export function semaSize(s: string): number {
  const i = s.lastIndexOf(':');
  if (i < 0) return 1;
  const tail = s.slice(i + 1);
  return /^[-+]?\d+$/.test(tail) ? Number(tail) : 1;
}
