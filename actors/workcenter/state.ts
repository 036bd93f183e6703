// State of one work-center actor: totals, per source the set of sequence numbers applied
// (seen-set.ts) and its own totals, the orders released to it (rules/run-queue.ts) and the
// machine state. Plain JSON data, validated when loaded from a store; fields added later
// default, so snapshots written before them still load.
import { z } from 'zod';
import { MachineStatus, OrderRun, ProducedLot } from './rules/index.ts';
import { hasSeen, markSeen, SeenRanges } from './seen-set.ts';

export const SourceCounts = z.strictObject({
  /** Every `sourceSeq` at or below it is applied. */
  highWater: z.int(),
  /** Applied `sourceSeq` ranges above highWater (snapshots from before the set load as []). */
  above: SeenRanges.default([]),
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
  /** Source time of the newest input applied (a late backlog input does not move it back). */
  lastInputAt: z.string().nullable(),
  /** Released orders in release order; the first not completed is running. */
  runs: z.array(OrderRun).default([]),
  machine: MachineStatus.nullable().default(null),
  /** Lots produced here and their stock status (rules/lot-status.ts). */
  lots: z.array(ProducedLot).default([]),
});
export type WorkCenterState = z.infer<typeof WorkCenterState>;

export function initialWorkCenterState(plant: string, workCenter: string): WorkCenterState {
  return {
    plant,
    workCenter,
    good: 0,
    scrap: 0,
    inputs: 0,
    sources: {},
    lastInputAt: null,
    runs: [],
    machine: null,
    lots: [],
  };
}

/**
 * Sources number their inputs from 1 (the protocol refuses 0), so a new source starts with its
 * high-water mark at 0 and a dense numbering (telemetry frames: 1, 2, 3, ... per stream)
 * compacts into it as inputs arrive, in any order.
 */
const NEW_SOURCE: SourceCounts = { highWater: 0, above: [], good: 0, scrap: 0 };

export function sourceOf(state: WorkCenterState, source: string): SourceCounts {
  return state.sources[source] ?? NEW_SOURCE;
}

/** True when `sourceSeq` of `source` was applied already. */
export function isDuplicate(state: WorkCenterState, source: string, sourceSeq: number): boolean {
  return hasSeen(sourceOf(state, source), sourceSeq);
}

/** Records an applied input of `source`: its number in the seen-set, its counts, the input total. */
export function applyInput(
  state: WorkCenterState,
  input: { source: string; sourceSeq: number; occurredAt: string; good?: number; scrap?: number },
): WorkCenterState {
  const source = sourceOf(state, input.source);
  const good = input.good ?? 0;
  const scrap = input.scrap ?? 0;
  const seen = markSeen(source, input.sourceSeq);
  const newer =
    state.lastInputAt === null || Date.parse(input.occurredAt) > Date.parse(state.lastInputAt);
  return {
    ...state,
    good: state.good + good,
    scrap: state.scrap + scrap,
    inputs: state.inputs + 1,
    sources: {
      ...state.sources,
      [input.source]: {
        highWater: seen.highWater,
        above: seen.above,
        good: source.good + good,
        scrap: source.scrap + scrap,
      },
    },
    lastInputAt: newer ? input.occurredAt : state.lastInputAt,
  };
}
