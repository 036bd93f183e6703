// The second half of the end-to-end oracle: per work center, what the simulator's machine made
// in the run, what its actor counted from the edge's frames, and what the run's orders booked.
// Exact means made = counted = booked and nothing counted went to no order. Prints one line.
import type { Parts, WorkCenterTally } from '../../../services/runtime/demo/index.ts';

export interface TallyReport {
  readonly test: string;
  readonly workCenters: number;
  /** Parts (good + scrap) over every work center. */
  readonly made: number;
  readonly counted: number;
  readonly booked: number;
  readonly unbooked: number;
  /** Work centers where made, counted and booked are not all equal, good and scrap apart. */
  readonly mismatched: number;
}

const total = (tallies: readonly WorkCenterTally[], of: (t: WorkCenterTally) => Parts) =>
  tallies.reduce((n, t) => n + of(t).good + of(t).scrap, 0);

const same = (a: Parts, b: Parts) => a.good === b.good && a.scrap === b.scrap;

export function plantTally(test: string, tallies: readonly WorkCenterTally[]): TallyReport {
  const report = {
    test,
    workCenters: tallies.length,
    made: total(tallies, (t) => t.made),
    counted: total(tallies, (t) => t.counted),
    booked: total(tallies, (t) => t.booked),
    unbooked: total(tallies, (t) => t.unbooked),
    mismatched: tallies.filter((t) => !same(t.made, t.counted) || !same(t.counted, t.booked))
      .length,
  };
  console.log(`plant tally ${JSON.stringify(report)}`);
  return report;
}

/**
 * Both end-to-end tests' check: 3 work centers, made = counted = booked, nothing booked to no
 * order, and enough parts made (3 x 3 orders of 20) that the run means something.
 */
export function expectExactTally(test: string, tallies: readonly WorkCenterTally[]): void {
  const tally = plantTally(test, tallies);
  expect(tally).toEqual({
    test,
    workCenters: 3,
    made: tally.made,
    counted: tally.made,
    booked: tally.made,
    unbooked: 0,
    mismatched: 0,
  });
  expect(tally.made).toBeGreaterThanOrEqual(180);
}
