// The sequence numbers of one source the actor has applied, as a set: a high-water mark (every
// number at or below it is applied) plus the applied ranges above it, sorted, merged when they
// touch and folded into the mark once contiguous with it (decision 0404). Live-first delivery
// makes a source's older frames arrive after newer ones; a set applies each exactly once.
import { z } from 'zod';

/** Applied numbers above the high-water mark: inclusive [from, to] ranges. */
export const SeenRanges = z.array(z.tuple([z.int(), z.int()]));
export type SeenRanges = z.infer<typeof SeenRanges>;

export interface SeenSet {
  readonly highWater: number;
  readonly above: SeenRanges;
}

/**
 * Gaps remembered per source. Beyond it the lowest gap is closed (its numbers count as applied):
 * a bound on state size for sources that number sparsely. Frame streams are dense, so they only
 * have gaps while a backlog drains behind live frames (one or two).
 */
export const MAX_GAPS = 64;

export function hasSeen(seen: SeenSet, seq: number): boolean {
  if (seq <= seen.highWater) return true;
  return seen.above.some(([from, to]) => seq >= from && seq <= to);
}

/** The set with `seq` added (assumes !hasSeen(seen, seq)), compacted. */
export function markSeen(seen: SeenSet, seq: number): SeenSet {
  const ranges: [number, number][] = [];
  let placed = false;
  for (const [from, to] of seen.above) {
    if (!placed && seq < from) {
      ranges.push([seq, seq]);
      placed = true;
    }
    ranges.push([from, to]);
  }
  if (!placed) ranges.push([seq, seq]);
  // Merge ranges that touch: [3, 4] and [5, 5] are [3, 5].
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last !== undefined && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  let highWater = seen.highWater;
  while (merged.length > 0 && (merged[0]?.[0] ?? 0) <= highWater + 1) {
    highWater = Math.max(highWater, merged.shift()?.[1] ?? highWater);
  }
  while (merged.length > MAX_GAPS) highWater = merged.shift()?.[1] ?? highWater;
  return { highWater, above: merged };
}
