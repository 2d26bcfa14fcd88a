// The func3 field dump (§8.3 of the reference): for every resource, one
// `Field: kind[name].GoField = VALUE` line per param whose Go value is not
// the zero value, and for members grouped into another vertex their lines
// prefixed with `Group: parent: `. Values are printed in mcl form.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuncValue, MapValue, StructValue, compareBytes, formatValue } from '../lang/types/value.js';
import type { Value } from '../lang/types/value.js';
import { getKind } from '../resources/index.js';
import type { KindDef, ParamDef, ResourceSpec } from '../resources/kind.js';
import { vertexId } from './graph.js';
import type { ResourceGraph } from './graph.js';
import { Engine } from './engine.js';
import { graphText } from './format.js';

/**
 * Unexported fields of upstream's Go structs that its dump prints too (they
 * have no mcl side, so the language never sets them: always the zero value).
 */
const HIDDEN_STRUCT_FIELDS: Record<string, [string, Value][]> = {
  'test.MixedStruct': [['somePrivatefield', '']],
};

/** Go's zero-value test for a field holding `v` (set params only: unset ones are zero). */
function isZero(p: ParamDef, v: Value): boolean {
  if (p.ptr || p.type.trim() === 'variant') return false; // a set pointer or interface is never nil
  switch (typeof v) {
    case 'boolean':
      return !v;
    case 'string':
      return v === '';
    case 'bigint':
      return v === 0n;
    case 'number':
      return v === 0;
  }
  // Lists and maps made by the language are never nil, even when empty.
  if (Array.isArray(v) || v instanceof MapValue) return false;
  if (v instanceof StructValue) return v.fields.every(([, x]) => isZeroValue(x));
  return !(v instanceof FuncValue);
}

function isZeroValue(v: Value): boolean {
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'string') return v === '';
  if (typeof v === 'bigint') return v === 0n;
  if (typeof v === 'number') return v === 0;
  if (v instanceof StructValue) return v.fields.every(([, x]) => isZeroValue(x));
  return false;
}

function shown(kind: string, p: ParamDef, v: Value): string {
  const extra = HIDDEN_STRUCT_FIELDS[`${kind}.${p.field}`];
  if (extra && v instanceof StructValue) return formatValue(new StructValue([...v.fields, ...extra]));
  return formatValue(v);
}

/** `kind[name].Field = VALUE` for every non-zero param of `spec`, in the kind's param order. */
export function fieldsOf(spec: ResourceSpec, kinds: (k: string) => KindDef | undefined = getKind): string[] {
  const kind = kinds(spec.kind);
  const out: string[] = [];
  const id = vertexId(spec);
  for (const p of kind?.params ?? []) {
    const v = spec.params.get(p.name);
    if (v === undefined || isZero(p, v)) continue;
    out.push(`${id}.${p.field} = ${shown(spec.kind, p, v)}`);
  }
  return out;
}

/**
 * Field and Group lines for a (grouped) graph. `specOf` gives the params a
 * resource ran with (after send/recv); the vertex's own are used otherwise.
 */
export function fieldLines(
  g: ResourceGraph,
  specOf: (id: string) => ResourceSpec | undefined = () => undefined,
  kinds: (k: string) => KindDef | undefined = getKind,
): string[] {
  const lines: string[] = [];
  for (const v of g.vertices) {
    const id = vertexId(v);
    for (const f of fieldsOf(specOf(id) ?? v, kinds)) lines.push(`Field: ${f}`);
    for (const m of v.group ?? []) {
      const mid = vertexId(m);
      lines.push(`Group: ${id}: Vertex: ${mid}`);
      for (const f of fieldsOf(specOf(mid) ?? m, kinds)) lines.push(`Group: ${id}: Field: ${f}`);
    }
  }
  return lines;
}

/**
 * upstream's TestAstFunc3 run: autogroup, run the resources until converged
 * (at most `maxMs`) so that send/recv delivers values, stop them, and print
 * the graph lines with the Field and Group lines, all sorted bytewise.
 */
export async function fieldsDump(graph: ResourceGraph, opts: { hostname?: string; maxMs?: number; kinds?: (k: string) => KindDef | undefined } = {}): Promise<string> {
  const stateRoot = mkdtempSync(join(tmpdir(), 'mgmt-fields-'));
  const kinds = opts.kinds ?? getKind;
  const engine = new Engine({ hostname: opts.hostname, stateRoot, autogroup: true, kinds });
  try {
    await engine.swap(graph);
    await engine.waitConverged(opts.maxMs ?? 5000);
  } finally {
    await engine.stop();
    rmSync(stateRoot, { recursive: true, force: true });
  }
  const lines = graphText(engine.graph).split('\n').filter((l) => l !== '');
  lines.push(...fieldLines(engine.graph, (id) => engine.specOf(id), kinds));
  lines.sort(compareBytes);
  return lines.length ? lines.join('\n') + '\n' : '';
}
