// Compare two ASTs while ignoring where their nodes came from: every `span`
// and `…Span` property is dropped before comparing.

import { expect } from 'vitest';

/** A deep copy without spans; bigints and other leaves are kept as they are. */
export function stripSpans(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(stripSpans);
  if (x === null || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (k === 'span' || k.endsWith('Span')) continue;
    if (v === undefined) continue;
    out[k] = stripSpans(v);
  }
  return out;
}

export function astEqual(a: unknown, b: unknown): boolean {
  try {
    expect(stripSpans(a)).toStrictEqual(stripSpans(b));
    return true;
  } catch {
    return false;
  }
}

export function expectAstEqual(actual: unknown, expected: unknown): void {
  expect(stripSpans(actual)).toStrictEqual(stripSpans(expected));
}
