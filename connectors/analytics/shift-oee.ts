// OEE of one work center over one shift from what the business lane told: operation runs
// (confirmations: start, finish, yield, scrap, rework, ideal cycle time) and downtimes (planned
// or not). Time in a run is running unless a downtime covers it; time in no run is idle; planned
// downtime and the calendar's breaks are planned (ISO 22400-2: APT, PDOT). A run that spans
// shifts gives each shift the share of its quantities that matches its running time there.
import { computeOee, mergeWindows, type OeeResult, type TimeWindow } from './oee.ts';
import type { ShiftCalendar, ShiftWindow } from './shift-calendar.ts';
import { StateTimeline, type MachineState } from './state-timeline.ts';

export interface RunFact extends TimeWindow {
  readonly eventId: string;
  readonly order: string;
  readonly operation: string;
  readonly good: number;
  readonly scrap: number;
  readonly rework: number;
  /** From the order's routing; null when the order was not found. */
  readonly idealCycleTimeMs: number | null;
}

export interface DowntimeFact extends TimeWindow {
  readonly eventId: string;
  readonly planned: boolean;
  readonly reason: string;
}

export interface ShiftOee extends OeeResult {
  readonly plant: string;
  readonly workCenter: string;
  /** Local date the shift started on, and its name: the shift's identity. */
  readonly date: string;
  readonly shift: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly producedQuantity: number;
  readonly goodQuantity: number;
  /** Sum of produced x ideal cycle time over the shift's runs (the effectiveness numerator). */
  readonly idealRunTimeMs: number;
  readonly idleTimeMs: number;
  readonly runs: number;
  readonly downtimes: number;
  /** Runs whose ideal cycle time is unknown: effectiveness leaves their output out. */
  readonly runsWithoutIdealCycleTime: number;
}

const overlap = (a: TimeWindow, b: TimeWindow) =>
  Math.max(0, Math.min(a.endMs, b.endMs) - Math.max(a.startMs, b.startMs));

/** Running time of `run` inside `window`, outside the disjoint `stopped` windows. */
function runningMs(run: TimeWindow, window: TimeWindow, stopped: readonly TimeWindow[]): number {
  const inside = {
    startMs: Math.max(run.startMs, window.startMs),
    endMs: Math.min(run.endMs, window.endMs),
  };
  if (inside.endMs <= inside.startMs) return 0;
  return inside.endMs - inside.startMs - stopped.reduce((sum, w) => sum + overlap(w, inside), 0);
}

/** The share (0..1) of a run's output that belongs to `shift`. */
export function shareOf(
  run: RunFact,
  shift: ShiftWindow,
  downtimes: readonly DowntimeFact[],
  calendar: ShiftCalendar,
): number {
  const shifts =
    run.endMs > run.startMs
      ? calendar.shiftsOverlapping(run.startMs, run.endMs)
      : [calendar.shiftAt(run.startMs)].filter((s) => s !== undefined);
  const running = shifts.map((s) =>
    runningMs(run, s, mergeWindows([...downtimes, ...s.breaks], s)),
  );
  const total = running.reduce((a, b) => a + b, 0);
  const index = shifts.findIndex((s) => s.startMs === shift.startMs && s.name === shift.name);
  if (index < 0) return 0;
  // A run that never ran (all stopped) belongs to the shift it finished in.
  if (total === 0) return index === shifts.length - 1 ? 1 : 0;
  return (running[index] ?? 0) / total;
}

/** Machine states over the shift, non-overlapping by construction (StateTimeline). */
function statesOf(
  shift: ShiftWindow,
  runs: readonly RunFact[],
  downtimes: readonly DowntimeFact[],
) {
  const cuts = new Set([shift.startMs, shift.endMs]);
  for (const w of [...runs, ...downtimes])
    for (const t of [w.startMs, w.endMs]) if (t > shift.startMs && t < shift.endMs) cuts.add(t);
  const points = [...cuts].sort((a, b) => a - b);
  const covers = (w: TimeWindow, t: number) => w.startMs <= t && t < w.endMs;
  const timeline = new StateTimeline();
  let previous: MachineState | undefined;
  for (const t of points.slice(0, -1)) {
    const state: MachineState = downtimes.some((d) => d.planned && covers(d, t))
      ? 'planned-stop'
      : downtimes.some((d) => covers(d, t))
        ? 'down'
        : runs.some((r) => covers(r, t))
          ? 'running'
          : 'idle';
    if (state !== previous) timeline.record({ atMs: t, state });
    previous = state;
  }
  return timeline.intervals(shift.startMs, shift.endMs);
}

export function shiftOee(
  place: { readonly plant: string; readonly workCenter: string },
  shift: ShiftWindow,
  runs: readonly RunFact[],
  downtimes: readonly DowntimeFact[],
  calendar: ShiftCalendar,
): ShiftOee {
  let produced = 0;
  let good = 0;
  let idealRunTimeMs = 0;
  let withoutIdeal = 0;
  const inShift = runs.filter(
    (r) => overlap(r, shift) > 0 || shareOf(r, shift, downtimes, calendar) > 0,
  );
  for (const run of inShift) {
    const share = shareOf(run, shift, downtimes, calendar);
    const runProduced = (run.good + run.scrap + run.rework) * share;
    produced += runProduced;
    good += run.good * share;
    if (run.idealCycleTimeMs === null) withoutIdeal += 1;
    else idealRunTimeMs += runProduced * run.idealCycleTimeMs;
  }
  const states = statesOf(shift, inShift, downtimes);
  const result = computeOee({
    shift,
    plannedDowntime: shift.breaks,
    states,
    producedQuantity: produced,
    goodQuantity: Math.min(good, produced),
    idealCycleTimeMs: produced > 0 ? idealRunTimeMs / produced : 0,
  });
  const idleTimeMs = states
    .filter((s) => s.state === 'idle')
    .reduce((sum, s) => sum + runningMs(s, shift, mergeWindows(shift.breaks, shift)), 0);
  return {
    ...place,
    date: shift.date,
    shift: shift.name,
    startsAt: new Date(shift.startMs).toISOString(),
    endsAt: new Date(shift.endMs).toISOString(),
    ...result,
    producedQuantity: produced,
    goodQuantity: good,
    idealRunTimeMs,
    idleTimeMs,
    runs: inShift.length,
    downtimes: downtimes.filter((d) => overlap(d, shift) > 0).length,
    runsWithoutIdealCycleTime: withoutIdeal,
  };
}
