// OEE of one work center over one shift, after ISO 22400-2:2014 (KPI definitions):
//   planned busy time  PBT = planned operation time POT - planned downtime PDOT
//   actual production time APT = time running within PBT
//   availability = APT / PBT
//   effectiveness (performance) = produced quantity PQ * planned run time per item PRI / APT
//   quality ratio = good quantity GQ / PQ
//   OEE = availability * effectiveness * quality ratio
// Planned downtime is the union of the calendar's planned windows (breaks) and intervals the
// machine reported as planned stops; time spent there is never counted as running.
import type { StateInterval } from './state-timeline.ts';

export interface TimeWindow {
  readonly startMs: number;
  readonly endMs: number;
}

export interface OeeInput {
  /** The shift: planned operation time. */
  readonly shift: TimeWindow;
  /** Calendar planned downtime (breaks, planned maintenance) inside the shift. */
  readonly plannedDowntime: readonly TimeWindow[];
  /** Machine states in the shift, non-overlapping (StateTimeline guarantees it). */
  readonly states: readonly StateInterval[];
  readonly producedQuantity: number;
  readonly goodQuantity: number;
  readonly idealCycleTimeMs: number;
}

export interface OeeResult {
  readonly plannedOperationTimeMs: number;
  readonly plannedDowntimeMs: number;
  readonly plannedBusyTimeMs: number;
  readonly actualProductionTimeMs: number;
  readonly unplannedDowntimeMs: number;
  readonly availability: number;
  readonly effectiveness: number;
  readonly qualityRatio: number;
  readonly oee: number;
}

/** Union of windows clipped to `within`, as sorted disjoint windows. */
export function mergeWindows(windows: readonly TimeWindow[], within: TimeWindow): TimeWindow[] {
  const clipped = windows
    .map((w) => ({
      startMs: Math.max(w.startMs, within.startMs),
      endMs: Math.min(w.endMs, within.endMs),
    }))
    .filter((w) => w.endMs > w.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  const merged: TimeWindow[] = [];
  for (const w of clipped) {
    const last = merged.at(-1);
    if (last !== undefined && w.startMs <= last.endMs)
      merged[merged.length - 1] = { startMs: last.startMs, endMs: Math.max(last.endMs, w.endMs) };
    else merged.push(w);
  }
  return merged;
}

const length = (windows: readonly TimeWindow[]) =>
  windows.reduce((sum, w) => sum + (w.endMs - w.startMs), 0);

/** Time of `interval` not covered by the disjoint `excluded` windows. */
function outside(interval: TimeWindow, excluded: readonly TimeWindow[]): number {
  const covered = excluded.reduce(
    (sum, w) =>
      sum + Math.max(0, Math.min(w.endMs, interval.endMs) - Math.max(w.startMs, interval.startMs)),
    0,
  );
  return interval.endMs - interval.startMs - covered;
}

const ratio = (numerator: number, denominator: number) =>
  denominator > 0 ? numerator / denominator : 0;

export function computeOee(input: OeeInput): OeeResult {
  if (input.goodQuantity > input.producedQuantity || input.goodQuantity < 0) {
    throw new RangeError(
      `good quantity ${input.goodQuantity} must be between 0 and produced quantity ${input.producedQuantity}`,
    );
  }
  const { shift } = input;
  const plannedStops = input.states.filter((s) => s.state === 'planned-stop');
  const planned = mergeWindows([...input.plannedDowntime, ...plannedStops], shift);
  const plannedOperationTimeMs = shift.endMs - shift.startMs;
  const plannedDowntimeMs = length(planned);
  const plannedBusyTimeMs = plannedOperationTimeMs - plannedDowntimeMs;
  const clip = (s: StateInterval) => ({
    startMs: Math.max(s.startMs, shift.startMs),
    endMs: Math.min(s.endMs, shift.endMs),
  });
  const timeIn = (state: StateInterval['state']) =>
    input.states
      .filter((s) => s.state === state)
      .reduce((sum, s) => sum + Math.max(0, outside(clip(s), planned)), 0);
  const actualProductionTimeMs = timeIn('running');
  const availability = ratio(actualProductionTimeMs, plannedBusyTimeMs);
  const effectiveness = ratio(
    input.producedQuantity * input.idealCycleTimeMs,
    actualProductionTimeMs,
  );
  const qualityRatio = ratio(input.goodQuantity, input.producedQuantity);
  return {
    plannedOperationTimeMs,
    plannedDowntimeMs,
    plannedBusyTimeMs,
    actualProductionTimeMs,
    unplannedDowntimeMs: timeIn('down'),
    availability,
    effectiveness,
    qualityRatio,
    oee: availability * effectiveness * qualityRatio,
  };
}
