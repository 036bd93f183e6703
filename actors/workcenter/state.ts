// State of one work-center actor: totals, per source its high-water mark (the last sequence
// applied) and its own totals, the orders released to it (rules/run-queue.ts) and the machine
// state. Plain JSON data, validated when loaded from a store; fields added later default, so
// snapshots written before them still load.
import { z } from 'zod';
import { MachineStatus, OrderRun, ProducedLot } from './rules/index.ts';

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

const NEW_SOURCE: SourceCounts = { highWater: -1, good: 0, scrap: 0 };

export function sourceOf(state: WorkCenterState, source: string): SourceCounts {
  return state.sources[source] ?? NEW_SOURCE;
}

/** True when `sourceSeq` was applied already (at or below the source's high-water mark). */
export function isDuplicate(state: WorkCenterState, source: string, sourceSeq: number): boolean {
  return sourceSeq <= sourceOf(state, source).highWater;
}

/** Records an applied input of `source`: its high-water mark, its counts, the input total. */
export function applyInput(
  state: WorkCenterState,
  input: { source: string; sourceSeq: number; occurredAt: string; good?: number; scrap?: number },
): WorkCenterState {
  const source = sourceOf(state, input.source);
  const good = input.good ?? 0;
  const scrap = input.scrap ?? 0;
  return {
    ...state,
    good: state.good + good,
    scrap: state.scrap + scrap,
    inputs: state.inputs + 1,
    sources: {
      ...state.sources,
      [input.source]: {
        highWater: input.sourceSeq,
        good: source.good + good,
        scrap: source.scrap + scrap,
      },
    },
    lastInputAt: input.occurredAt,
  };
}
