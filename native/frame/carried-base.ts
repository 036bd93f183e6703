// Carried base readings (decision 0404): the edge opens every frame with the last sealed
// reading of each counter and state tag of its stream, flagged by a quality bit, so a frame can
// be aggregated on its own. This module names the bit and separates those samples from the
// frame's own observations; it aggregates nothing.
import type { SampleColumns } from './frame-types.ts';

/**
 * Quality bit of a carried base: a reading already sent in an earlier frame of the stream,
 * repeated as the starting point of this one. Never an observation: no statistic counts it.
 * The other seven bits keep the sample's own quality code (the edge carries only good ones).
 */
export const QUALITY_CARRIED_BASE = 0x80;

export const isCarriedBase = (quality: number): boolean => (quality & QUALITY_CARRIED_BASE) !== 0;

export interface SplitColumns {
  /** The carried base readings, quality bit cleared: what the stream had read before. */
  readonly carried: SampleColumns;
  /** The frame's own samples, in frame order. */
  readonly observed: SampleColumns;
}

function pick(columns: SampleColumns, indices: readonly number[]): SampleColumns {
  return {
    timestampsMs: Float64Array.from(indices, (i) => columns.timestampsMs[i] ?? Number.NaN),
    tags: Uint32Array.from(indices, (i) => columns.tags[i] ?? 0),
    values: Float64Array.from(indices, (i) => columns.values[i] ?? Number.NaN),
    quality: Uint8Array.from(indices, (i) => (columns.quality[i] ?? 0) & ~QUALITY_CARRIED_BASE),
  };
}

/** Splits a frame's columns into its carried base and its observations (copies both). */
export function splitCarriedBase(columns: SampleColumns): SplitColumns {
  const carried: number[] = [];
  const observed: number[] = [];
  for (let i = 0; i < columns.quality.length; i++) {
    (isCarriedBase(columns.quality[i] ?? 0) ? carried : observed).push(i);
  }
  if (carried.length === 0) return { carried: pick(columns, []), observed: columns };
  // Clearing the bit leaves observed samples as they are: they never have it.
  return { carried: pick(columns, carried), observed: pick(columns, observed) };
}
