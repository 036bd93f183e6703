// State of one work-center actor: totals, and per source its high-water mark (the last
// sequence applied) and its own totals. Plain JSON data, validated when loaded from a store.
import { z } from 'zod';

export const SourceCounts = z.strictObject({
  /** Highest `sourceSeq` applied; inputs at or below it are duplicates. */
  highWater: z.int(),
  good: z.int().nonnegative(),
  scrap: z.int().nonnegative(),
});
export type SourceCounts = z.infer<typeof SourceCounts>;

export const WorkCenterState = z.strictObject({
  plant: z.string(),
  workCenter: z.string(),
  good: z.int().nonnegative(),
  scrap: z.int().nonnegative(),
  /** Inputs applied (duplicates excluded). */
  inputs: z.int().nonnegative(),
  sources: z.record(z.string(), SourceCounts),
  lastInputAt: z.string().nullable(),
});
export type WorkCenterState = z.infer<typeof WorkCenterState>;

export function initialWorkCenterState(plant: string, workCenter: string): WorkCenterState {
  return { plant, workCenter, good: 0, scrap: 0, inputs: 0, sources: {}, lastInputAt: null };
}
