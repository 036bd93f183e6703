// Helpers to build kernel inputs with realistic counter and state tags and to compare kernel
// tables: counts exactly, accumulated floats within KERNEL_TOLERANCE (relative).
import fc from 'fast-check';
import { F, STRIDE, type PartialTable, type SampleColumns } from '../../../native/index.ts';
import { columnsArb } from './arbitraries.ts';

/** Relative tolerance for mean, M2, counter deltas and state durations (docs/frames.md). */
export const KERNEL_TOLERANCE = 1e-9;

export const COUNTER_TAGS = [1, 2];
export const STATE_TAG = 3;
export const specInput = {
  windowMs: 1000,
  maxIntervalMs: 5000,
  relativeAccuracy: 0.01,
  counters: [{ tag: 1, modulus: 65_536 }, { tag: 2 }],
  states: [{ tag: STATE_TAG }],
};

/** Columns whose counter tags count up (with resets, wraps) and whose state tag holds codes. */
export function kernelInputArb(maxLength = 400): fc.Arbitrary<SampleColumns> {
  return fc
    .tuple(
      columnsArb(maxLength),
      fc.array(fc.integer({ min: -1, max: 40 }), { minLength: 400, maxLength: 400 }),
    )
    .map(([columns, steps]) => {
      const counters = new Map<number, number>([
        [1, 65_000],
        [2, 0],
      ]);
      for (let i = 0; i < columns.tags.length; i++) {
        const tag = columns.tags[i] ?? 0;
        const step = steps[i % steps.length] ?? 0;
        const before = counters.get(tag);
        if (before !== undefined) {
          const next = step < 0 ? 2 : tag === 1 ? (before + step) % 65_536 : before + step;
          counters.set(tag, next);
          if (Number.isFinite(columns.values[i])) columns.values[i] = next;
        } else if (tag === STATE_TAG && Number.isFinite(columns.values[i])) {
          columns.values[i] = Math.abs(step) % 5;
        }
      }
      return columns;
    });
}

const EXACT = new Set<number>([
  F.TAG,
  F.WINDOW_START,
  F.KIND,
  F.COUNT,
  F.BAD,
  F.NON_FINITE,
  F.VALID,
  F.MIN,
  F.MAX,
  F.FIRST_T,
  F.FIRST_V,
  F.LAST_T,
  F.LAST_V,
  F.RESETS,
  F.ROLLOVERS,
  F.REORDERED,
  F.ZERO_COUNT,
]);

function close(a: number, b: number): boolean {
  if (Object.is(a, b) || a === b) return true;
  return Math.abs(a - b) <= KERNEL_TOLERANCE * Math.max(Math.abs(a), Math.abs(b), 1);
}

/** Describes the first difference between two tables, or returns undefined when equal. */
export function tableDifference(a: PartialTable, b: PartialTable): string | undefined {
  for (const key of ['rows', 'invalidTimestamps', 'minTimestampMs', 'maxTimestampMs'] as const)
    if (!Object.is(a[key], b[key])) return `${key}: ${a[key]} vs ${b[key]}`;
  for (let i = 0; i < a.stats.length; i++) {
    const x = a.stats[i] ?? 0;
    const y = b.stats[i] ?? 0;
    const field = i % STRIDE;
    if (EXACT.has(field) ? !Object.is(x, y) && x !== y : !close(x, y))
      return `row ${Math.floor(i / STRIDE)} field ${field}: ${x} vs ${y}`;
  }
  if (a.sketch.length !== b.sketch.length || a.sketch.some((x, i) => x !== b.sketch[i]))
    return 'sketch bins differ';
  if (a.durations.length !== b.durations.length) return 'durations differ in length';
  for (let i = 0; i < a.durations.length; i++) {
    const x = a.durations[i] ?? 0;
    const y = b.durations[i] ?? 0;
    if (i % 3 === 2 ? !close(x, y) : x !== y) return `duration ${i}: ${x} vs ${y}`;
  }
  return undefined;
}
