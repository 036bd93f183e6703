// The actor's de-duplication as a set (decision 0404): numbers applied in any order count
// once, the set compacts into its high-water mark once contiguous, stays bounded, and
// snapshots written before the set load.
import fc from 'fast-check';
import { hasSeen, markSeen, MAX_GAPS, WorkCenterState, type SeenSet } from '../runtime/imports.ts';

const EMPTY: SeenSet = { highWater: 0, above: [] };

function apply(seqs: readonly number[], start = EMPTY): { set: SeenSet; duplicates: number } {
  let set = start;
  let duplicates = 0;
  for (const seq of seqs) {
    if (hasSeen(set, seq)) duplicates++;
    else set = markSeen(set, seq);
  }
  return { set, duplicates };
}

describe('seen-set', () => {
  it('applies a backlog arriving after newer live numbers, once each', () => {
    // live 6, 7 first, then backlog 1..5 in order, then the edge re-sends 5 and 7
    const { set, duplicates } = apply([1, 6, 7, 2, 3, 4, 5, 5, 7]);
    expect(duplicates).toBe(2);
    expect(set).toEqual({ highWater: 7, above: [] });
  });

  it('keeps the ranges above the mark sorted and merged while gaps remain', () => {
    expect(apply([3, 4, 9, 7, 8]).set).toEqual({
      highWater: 0,
      above: [
        [3, 4],
        [7, 9],
      ],
    });
    expect(hasSeen(apply([3, 4, 9]).set, 5)).toBe(false);
    expect(hasSeen(apply([3, 4, 9]).set, 4)).toBe(true);
    expect(apply([3, 4, 9, 1, 2]).set).toEqual({ highWater: 4, above: [[9, 9]] });
  });

  it('any permutation of 1..n with repeats ends as the bare mark n, counting each repeat (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.shuffledSubarray(
              Array.from({ length: n }, (_, i) => i + 1),
              { minLength: n, maxLength: n },
            ),
            fc.array(fc.integer({ min: 1, max: n }), { maxLength: 10 }),
          ),
        ),
        ([n, order, repeats]) => {
          const { set, duplicates } = apply([...order, ...repeats]);
          expect(set).toEqual({ highWater: n, above: [] });
          expect(duplicates).toBe(repeats.length);
        },
      ),
    );
  });

  it(`remembers at most ${MAX_GAPS} gaps, closing the lowest first`, () => {
    const sparse = Array.from({ length: MAX_GAPS + 2 }, (_, i) => 10 * (i + 1));
    const { set } = apply(sparse);
    expect(set.above).toHaveLength(MAX_GAPS);
    expect(set.highWater).toBe(20);
    expect(hasSeen(set, 15)).toBe(true); // inside a closed gap: counted as applied
    expect(hasSeen(set, 25)).toBe(false);
  });

  it('loads a snapshot written before the set (high-water mark only)', () => {
    const old = WorkCenterState.parse({
      plant: 'P100',
      workCenter: 'WC-1',
      good: 5,
      scrap: 0,
      inputs: 2,
      sources: { 'plc-1': { highWater: 2, good: 5, scrap: 0 } },
      lastInputAt: null,
    });
    expect(old.sources['plc-1']).toEqual({ highWater: 2, above: [], good: 5, scrap: 0 });
  });
});
