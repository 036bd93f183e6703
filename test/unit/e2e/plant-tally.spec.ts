// The plant tally of the end-to-end tests counts a work center as mismatched when the parts its
// machine made, its actor counted and its orders booked differ in good or scrap, even when the
// totals over all work centers happen to agree.
import { plantTally } from '../../e2e/support/plant-tally.ts';

const tally = (made: number[], counted: number[], booked: number[]) => ({
  workCenter: 'WC-PRESS-1',
  machine: 'Press1',
  made: { good: made[0] ?? 0, scrap: made[1] ?? 0 },
  counted: { good: counted[0] ?? 0, scrap: counted[1] ?? 0 },
  booked: { good: booked[0] ?? 0, scrap: booked[1] ?? 0 },
  unbooked: {
    good: (counted[0] ?? 0) - (booked[0] ?? 0),
    scrap: (counted[1] ?? 0) - (booked[1] ?? 0),
  },
});

describe('plantTally', () => {
  it('is exact when made = counted = booked on every work center', () => {
    expect(
      plantTally('t', [tally([60, 6], [60, 6], [60, 6]), tally([60, 3], [60, 3], [60, 3])]),
    ).toEqual({
      test: 't',
      workCenters: 2,
      made: 129,
      counted: 129,
      booked: 129,
      unbooked: 0,
      mismatched: 0,
    });
  });

  it('names a lost part, a double count and a part booked to no order', () => {
    const report = plantTally('t', [
      tally([60, 6], [59, 6], [59, 6]),
      tally([60, 3], [61, 3], [61, 3]),
      tally([60, 2], [61, 2], [60, 2]),
    ]);
    expect(report).toMatchObject({
      made: 191,
      counted: 192,
      booked: 191,
      unbooked: 1,
      mismatched: 3,
    });
  });

  it('sees a good part booked as scrap although the totals agree', () => {
    expect(plantTally('t', [tally([60, 6], [59, 7], [59, 7])]).mismatched).toBe(1);
  });
});
