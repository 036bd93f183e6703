// What a kernel is told and what it hands back, shared by the TypeScript reference and the C++
// addon so both read and write the same flat arrays (no per-sample or per-row JS objects cross
// the N-API or thread boundary). Owns the layout; computes nothing per sample.
import { sketchMultiplier } from './ddsketch.ts';

export type TagKind = 'gauge' | 'counter' | 'state';

export interface AggregationSpec {
  /** Window length in whole milliseconds: 1_000, 60_000, a shift (28_800_000). */
  readonly windowMs: number;
  /** Windows start at originMs + k * windowMs (a shift start, local midnight). Default 0. */
  readonly originMs?: number;
  /** State intervals longer than this are a gap: not attributed to any state. */
  readonly maxIntervalMs: number;
  /** DDSketch relative accuracy of quantiles, e.g. 0.01 (1 %). */
  readonly relativeAccuracy: number;
  /** Monotonic counters (good count, scrap count); modulus 0 means no rollover (a reset). */
  readonly counters: readonly { readonly tag: number; readonly modulus?: number }[];
  /** Machine-state tags: the value is a state code (running, idle, down:reason, planned stop). */
  readonly states: readonly { readonly tag: number }[];
}

/** The spec as both kernels take it: typed arrays and precomputed constants. */
export interface CompiledSpec {
  readonly windowMs: number;
  readonly originMs: number;
  readonly maxIntervalMs: number;
  /** 1 / ln(gamma), computed once here so both kernels use the identical double. */
  readonly sketchMultiplier: number;
  readonly counterTags: Uint32Array;
  readonly counterModulus: Float64Array;
  readonly stateTags: Uint32Array;
}

/**
 * Per counter and state tag, the last sample applied: [t, value] pairs in spec order, t = NaN
 * when none yet. The kernel updates it in place; the window store owns it between frames.
 */
export interface KernelCarry {
  readonly counters: Float64Array;
  readonly states: Float64Array;
}

/** Row fields of PartialTable.stats, STRIDE doubles per (tag, window) row. */
export const F = {
  TAG: 0,
  WINDOW_START: 1,
  KIND: 2,
  COUNT: 3,
  BAD: 4,
  NON_FINITE: 5,
  VALID: 6,
  MIN: 7,
  MAX: 8,
  MEAN: 9,
  M2: 10,
  FIRST_T: 11,
  FIRST_V: 12,
  LAST_T: 13,
  LAST_V: 14,
  DELTA: 15,
  RESETS: 16,
  ROLLOVERS: 17,
  REORDERED: 18,
  ZERO_COUNT: 19,
} as const;
export const STRIDE = 20;
export const KIND_CODE: Readonly<Record<TagKind, number>> = { gauge: 0, counter: 1, state: 2 };

/**
 * One frame's aggregates, rows sorted by (tag, windowStart). sketch holds
 * (row, sign, key, count) quadruples sorted by row, sign, key; durations holds
 * (row, stateCode, ms) triples sorted by row, code.
 */
export interface PartialTable {
  readonly rows: number;
  readonly stats: Float64Array;
  readonly sketch: Float64Array;
  readonly durations: Float64Array;
  /** Samples whose timestamp was NaN or infinite: skipped entirely. */
  readonly invalidTimestamps: number;
  /** Range of the valid timestamps (+Inf / -Inf when none): drives the watermark. */
  readonly minTimestampMs: number;
  readonly maxTimestampMs: number;
}

export type Kernel = (
  columns: KernelColumns,
  spec: CompiledSpec,
  carry: KernelCarry,
) => PartialTable;

export interface KernelColumns {
  readonly timestampsMs: Float64Array;
  readonly tags: Uint32Array;
  readonly values: Float64Array;
  readonly quality: Uint8Array;
}

function fail(option: string, why: string): never {
  throw new RangeError(`aggregation spec: ${option} ${why}`);
}

export function compileSpec(spec: AggregationSpec): CompiledSpec {
  const { windowMs, maxIntervalMs, relativeAccuracy } = spec;
  const originMs = spec.originMs ?? 0;
  if (!Number.isSafeInteger(windowMs) || windowMs < 1) fail('windowMs', 'must be an integer >= 1');
  if (!Number.isSafeInteger(originMs)) fail('originMs', 'must be an integer');
  if (!(maxIntervalMs >= 0)) fail('maxIntervalMs', 'must be >= 0');
  if (!(relativeAccuracy > 0 && relativeAccuracy < 1))
    fail('relativeAccuracy', 'must be between 0 and 1 (exclusive)');
  const seen = new Set<number>();
  for (const { tag } of [...spec.counters, ...spec.states]) {
    if (!Number.isInteger(tag) || tag < 0 || tag > 0xffff_ffff)
      fail('tag', `${tag} must be an integer 0-4294967295`);
    if (seen.has(tag)) fail('tag', `${tag} is listed twice`);
    seen.add(tag);
  }
  const counterModulus = spec.counters.map(({ modulus = 0 }) =>
    modulus >= 0 && Number.isFinite(modulus) ? modulus : fail('modulus', 'must be >= 0'),
  );
  return Object.freeze({
    windowMs,
    originMs,
    maxIntervalMs,
    sketchMultiplier: sketchMultiplier(relativeAccuracy),
    counterTags: Uint32Array.from(spec.counters, (c) => c.tag),
    counterModulus: Float64Array.from(counterModulus),
    stateTags: Uint32Array.from(spec.states, (s) => s.tag),
  });
}

export function createCarry(spec: CompiledSpec): KernelCarry {
  return {
    counters: new Float64Array(spec.counterTags.length * 2).fill(Number.NaN),
    states: new Float64Array(spec.stateTags.length * 2).fill(Number.NaN),
  };
}
