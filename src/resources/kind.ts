// What a resource kind declares to the language and the graph stages: its
// params (mcl names, Go field names, mcl types), validation, comparison,
// AutoEdge and AutoGroup rules. The engine's Watch/CheckApply live with the
// kind too (see docs/resources.md); a kind without them says so when run.

import type { Value } from '../lang/types/value.js';
import type { Resource } from '../engine/resource.js';

/** Go integer widths, for range checks when a value is stored into a param. */
export type IntWidth = 'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'byte' | 'rune';

export interface ParamDef {
  /** The mcl name: `anotherstr`, `refresh_only`. */
  name: string;
  /** upstream's Go struct field name (`AnotherStr`, `RefreshOnly`): the func3 field dump prints it. */
  field: string;
  /** The mcl type, in mcl syntax; `variant` for params of any type. */
  type: string;
  /** A Go pointer param: unset stays undefined, which differs from an explicit zero. */
  ptr?: boolean;
  /** For int params: the Go width, checked when a value is stored. */
  int?: IntWidth;
  /** One line for users: meaning, default, limits. */
  doc?: string;
  /** For str params with a fixed set of values: the set (`''` when unset is allowed). Checked before the kind's validate. */
  oneOf?: string[];
}

/** The meta params every resource has (§7.3 of the reference). */
export interface MetaParams {
  noop: boolean;
  retry: number;
  retryreset: boolean;
  delay: number;
  timeout: number;
  poll: number;
  limit: number;
  burst: number;
  reset: boolean;
  sema: string[];
  rewatch: boolean;
  realize: boolean;
  dollar: boolean;
  hidden: boolean;
  export: string[];
  reverse: boolean;
  autoedge: boolean;
  autogroup: boolean;
}

export const DEFAULT_META: Readonly<MetaParams> = Object.freeze({
  noop: false,
  retry: 0,
  retryreset: false,
  delay: 0,
  timeout: 0,
  poll: 0,
  limit: Infinity,
  burst: 0,
  reset: false,
  sema: [],
  rewatch: false,
  realize: false,
  dollar: false,
  hidden: false,
  export: [],
  reverse: false,
  autoedge: true,
  autogroup: true,
});

/** A resource as the language produces it: kind, name, the params that were set, meta params. */
export interface ResourceSpec {
  kind: string;
  name: string;
  /** Only params that were set, by mcl name. Unset params keep the kind's defaults. */
  params: Map<string, Value>;
  meta: MetaParams;
}

/** An identity a resource provides or seeks for AutoEdge: `{ kind: 'file', key: '/tmp/a/' }`. */
export interface Uid {
  kind: string;
  key: string;
}

/**
 * One AutoEdge request: try `uids` in order; the first that names another
 * resource gets an edge (other → this for 'before-me', this → other for
 * 'after-me'). With `firstOnly`, stop after the first match.
 */
export interface AutoEdgeRequest {
  uids: Uid[];
  direction: 'before-me' | 'after-me';
  firstOnly: boolean;
}

export interface KindDef {
  /** `file`, `http:server:ui`. */
  kind: string;
  /** One line for users. */
  doc: string;
  params: ParamDef[];
  /** Keys this kind can send over send/recv, with their mcl types and Go kinds. */
  sends?: { key: string; type: string; goKind: string }[];
  /** Whether send/recv may write into this kind's params. */
  recv?: boolean;
  /** Whether duplicates of this kind may be merged (only pkg). Returns the merged spec or a reason. */
  merge?: (a: ResourceSpec, b: ResourceSpec) => ResourceSpec | string;
  /** The kind's own validation; returns the reason it is invalid, or undefined. */
  validate?: (res: ResourceSpec) => string | undefined;
  /**
   * Whether two specs describe the same desired state; returns the reason they
   * differ (`the AnotherStr differs`) or undefined when equal. Defaults to
   * comparing every param.
   */
  cmp?: (a: ResourceSpec, b: ResourceSpec) => string | undefined;
  /** Identities this resource provides to others' AutoEdge requests. Default: `{kind, key: name}`. */
  uids?: (res: ResourceSpec) => Uid[];
  /** What this resource seeks for AutoEdge. */
  autoEdges?: (res: ResourceSpec) => AutoEdgeRequest[];
  /** Whether `child` may be grouped into `parent` (both of this kind or hierarchical kinds). Default: never. */
  groupCmp?: (parent: ResourceSpec, child: ResourceSpec) => boolean;
  /** Whether this resource can be a group parent at all: a cheap filter before trying groupCmp with every other. */
  groupParent?: (res: ResourceSpec) => boolean;
  /**
   * Make the running resource (Watch/CheckApply). A kind without it cannot
   * run yet, and the engine says so rather than silently doing nothing.
   */
  create?: (spec: ResourceSpec) => Resource;
}
